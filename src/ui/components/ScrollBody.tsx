/** Draws a window of pre-wrapped lines with the "↑ N more lines" / "↓ N more lines" markers on its first and last rows. */
import { Box, Text } from 'ink';
import { useUi } from '../context.js';
import type { Viewport } from '../layout/viewport.js';

export function ScrollBody({ lines, view, rows, paddingX = 1 }: { lines: string[]; view: Viewport; rows: number; paddingX?: number }) {
  const ui = useUi();
  const marker = (text: string) => (
    <Text color={ui.c('gray')} wrap="truncate-end">
      {text}
    </Text>
  );
  return (
    <Box flexDirection="column" height={rows} flexShrink={0} overflow="hidden" paddingX={paddingX}>
      {view.above > 0 ? marker(ui.t(view.above === 1 ? 'moreAbove1' : 'moreAbove', { n: view.above })) : null}
      {lines.slice(view.top, view.top + view.shown).map((l, i) => (
        <Text key={view.top + i} wrap="truncate-end">
          {l || ' '}
        </Text>
      ))}
      {view.below > 0 ? marker(ui.t(view.below === 1 ? 'moreBelow1' : 'moreBelow', { n: view.below })) : null}
    </Box>
  );
}
