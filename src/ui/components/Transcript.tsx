import { Box, Text } from 'ink';
import { useUi } from '../context.js';
import type { TranscriptItem } from '../state/reducer.js';
import { CheckRow, commandNote, commandOk, MARKS } from './LessonView.js';

/** One finished piece of output, printed once above the live view. */
export function TranscriptEntry({ item }: { item: TranscriptItem }) {
  const ui = useUi();
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
          {ok ? null : <Text color={ui.c('gray')}>{`  (${commandNote(ui, item.result)})`}</Text>}
        </Text>
        {item.output ? (
          <Box paddingLeft={2}>
            <Text color={ui.c('gray')}>{item.output}</Text>
          </Box>
        ) : null}
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      {item.checks.map((c, i) => (
        <CheckRow key={i} check={c} />
      ))}
      <Text> </Text>
    </Box>
  );
}
