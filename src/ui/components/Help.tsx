/** The `?` overlay: every key and what it does, from the key table; it scrolls when the terminal is short. */
import { Box, Text } from 'ink';
import { useEffect, useMemo } from 'react';
import { useUi, type Ui } from '../context.js';
import { helpRows } from '../keys.js';
import { hang } from '../layout/step-body.js';
import { viewport } from '../layout/viewport.js';
import type { ViewMetrics } from '../state/reducer.js';
import { padEnd, stringWidth } from '../text.js';
import { ScrollBody } from './ScrollBody.js';

/** The help as lines of at most `width` columns. */
export function helpLines(ui: Ui, mode: 'learn' | 'present', width: number): string[] {
  const rows = helpRows(mode);
  // Key labels up to 12 columns share their row with the words; longer ones get a row of their own.
  const kw = Math.min(Math.floor(width / 3), Math.max(...rows.map((r) => stringWidth(r.keys)).filter((w) => w <= 12))) + 2;
  const lines: string[] = [];
  let typing = false;
  for (const r of rows) {
    if (r.typing && !typing) {
      typing = true;
      lines.push(ui.t('helpTypingTitle'));
    }
    if (stringWidth(r.keys) < kw) lines.push(...hang(ui.t(r.help), width, padEnd(r.keys, kw), ' '.repeat(kw)));
    else lines.push(r.keys, ...hang(ui.t(r.help), width, ' '.repeat(kw)));
  }
  return lines;
}

export function Help({ mode, width, height, scroll, onView }: { mode: 'learn' | 'present'; width: number; height: number; scroll: number | null; onView?: (v: ViewMetrics) => void }) {
  const ui = useUi();
  const boxW = Math.min(width, 96);
  const lines = useMemo(() => helpLines(ui, mode, boxW - 4), [ui, mode, boxW]);
  // Border, title and the closing line take four rows.
  const rows = Math.max(1, Math.min(lines.length, height - 4));
  const view = viewport(lines.length, rows, scroll, 'top');
  useEffect(() => onView?.({ top: view.top, max: view.max, page: view.page }), [view.top, view.max, view.page, onView]);
  return (
    <Box flexDirection="column" flexShrink={0} borderStyle="round" borderColor={ui.c('cyan')} paddingX={1} width={boxW}>
      <Text bold>{ui.t('helpTitle')}</Text>
      <ScrollBody lines={lines} view={view} rows={rows} paddingX={0} />
      <Text color={ui.c('gray')} wrap="truncate-end">
        {ui.t('helpClose')}
      </Text>
    </Box>
  );
}
