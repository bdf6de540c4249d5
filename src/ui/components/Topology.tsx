import { Box, Text } from 'ink';
import { useMemo } from 'react';
import type { LabState } from '../../lab/state.js';
import { useUi, type ColorName, type Ui } from '../context.js';
import { layoutTopology, type TopoDrawing, type TopoLabels, type TopoStyle } from '../topology/layout.js';
import { truncate } from '../text.js';

export function topoLabels(ui: Ui): TopoLabels {
  return { host: ui.t('hostNs'), up: ui.t('up'), down: ui.t('down'), noCarrier: ui.t('noCarrier'), noInterfaces: ui.t('noInterfaces'), peerUnknown: ui.t('peerUnknown') };
}

export function useTopology(state: LabState | null, maxWidth: number, columns?: 1 | 2): TopoDrawing | null {
  const ui = useUi();
  return useMemo(() => (state ? layoutTopology(state, topoLabels(ui), maxWidth, { columns }) : null), [state, ui, maxWidth, columns]);
}

const STYLE: Record<TopoStyle, { color?: ColorName; bold?: boolean; dim?: boolean }> = {
  border: { color: 'gray' },
  title: { color: 'cyan', bold: true },
  name: { bold: true },
  up: { color: 'green' },
  down: { color: 'red' },
  addr: { color: 'yellow' },
  wire: { color: 'magenta', bold: true },
  port: { color: 'gray' },
  dim: { color: 'gray', dim: true },
};

/** The lab drawn as namespaces, interfaces, veth pairs and bridge ports. */
export function TopologyPanel({ drawing, width, loading }: { drawing: TopoDrawing | null; width: number; loading?: boolean }) {
  const ui = useUi();
  return (
    <Box flexDirection="column" flexShrink={0} width={width} overflow="hidden">
      <Text wrap="truncate-end">
        <Text bold>{ui.t('topologyTitle')}</Text>
        <Text color={ui.c('gray')}>{truncate(` · ${ui.t('topologyLegend')}`, Math.max(0, width - 14))}</Text>
      </Text>
      {!drawing || loading ? (
        <Text color={ui.c('gray')}>{ui.t('topologyLoading')}</Text>
      ) : (
        drawing.lines.map((line, i) => (
          <Text key={i} wrap="truncate-end">
            {line.length === 0
              ? ' '
              : line.map((s, j) => {
                  const st = s.style ? STYLE[s.style] : {};
                  return (
                    <Text key={j} color={st.color ? ui.c(st.color) : undefined} bold={st.bold} dimColor={st.dim}>
                      {s.text}
                    </Text>
                  );
                })}
          </Text>
        ))
      )}
    </Box>
  );
}
