/** One finished piece of output, printed once above the live view (the terminal's scrollback). */
import { Box, Text } from 'ink';
import { useStdout } from 'ink';
import { useUi } from '../context.js';
import { checkLines, commandNote, commandOk, MARKS } from '../layout/step-body.js';
import { painter } from '../layout/paint.js';
import type { TranscriptItem } from '../state/reducer.js';

export function TranscriptEntry({ item }: { item: TranscriptItem }) {
  const ui = useUi();
  const { stdout } = useStdout();
  const width = Math.max(20, (stdout.columns || 80) - 1);
  if (item.kind === 'step')
    return (
      <Text color={ui.c('cyan')} bold>
        {`── ${item.ref} ${item.title}`}
      </Text>
    );
  if (item.kind === 'command') {
    const ok = commandOk(item.result);
    return (
      <Box flexDirection="column">
        <Text wrap="wrap">
          <Text color={ui.c(ok ? 'green' : 'red')}>{ok ? MARKS.pass : MARKS.fail} </Text>
          <Text color={ui.c('gray')}>$ </Text>
          <Text bold>{item.command}</Text>
          {ok ? null : <Text color={ui.c('gray')}>{`  (${commandNote(ui.t, item.result)})`}</Text>}
        </Text>
        {item.cutLines ? (
          <Box paddingLeft={2}>
            <Text color={ui.c('gray')}>{ui.t('transcriptCut', { n: item.cutLines })}</Text>
          </Box>
        ) : null}
        {item.output ? (
          <Box paddingLeft={2}>
            <Text color={ui.c('gray')}>{item.output}</Text>
          </Box>
        ) : null}
      </Box>
    );
  }
  const paint = painter(ui.color);
  return (
    <Box flexDirection="column">
      {item.checks.flatMap((c) => checkLines({ width, t: ui.t, paint }, c)).map((l, i) => (
        <Text key={i}>{l}</Text>
      ))}
      <Text> </Text>
    </Box>
  );
}
