import { Box, Text } from 'ink';
import { useMemo } from 'react';
import type { LabState } from '../../lab/state.js';
import { useUi, type ColorName, type Ui } from '../context.js';
import { layoutTopology, type TopoDrawing, type TopoLabels, type TopoStyle } from '../topology/layout.js';
import { truncate } from '../text.js';

/** The routing words of the drawing (the rest come from the UI's table). */
const ROUTING = {
  en: { forwarding: 'router', defaultVia: 'default via {gw}', notShown: '+{n} namespaces not shown', peerIn: '→ {ns}' },
  zh: { forwarding: '路由器', defaultVia: '默认路由经 {gw}', notShown: '另有 {n} 个命名空间未显示', peerIn: '→ {ns}' },
} as const;

export function topoLabels(ui: Ui): TopoLabels {
  return { host: ui.t('hostNs'), up: ui.t('up'), down: ui.t('down'), noCarrier: ui.t('noCarrier'), noInterfaces: ui.t('noInterfaces'), peerUnknown: ui.t('peerUnknown'), ...ROUTING[ui.lang] };
}

export function useTopology(state: LabState | null, maxWidth: number, columns?: 1 | 2, maxHeight?: number): TopoDrawing | null {
  const ui = useUi();
  return useMemo(() => (state ? layoutTopology(state, topoLabels(ui), maxWidth, { columns, maxHeight }) : null), [state, ui, maxWidth, columns, maxHeight]);
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
  route: { color: 'blue' },
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
