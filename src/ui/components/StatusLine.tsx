/** The bottom line: where the learner is, then the keys that fit (chosen from the key table by priority). */
import { Box, Text } from 'ink';
import { useUi } from '../context.js';

export function StatusLine({ left, keys, width, passed }: { left: string; keys: string[]; width: number; passed?: boolean }) {
  const ui = useUi();
  return (
    <Box width={width} flexShrink={0}>
      <Text wrap="truncate-end">
        <Text inverse bold>
          {` ${left} `}
        </Text>
        {passed ? <Text color={ui.c('green')}>{` ✔ ${ui.t('statusDone')}`}</Text> : null}
        <Text color={ui.c('gray')}>{'  ' + keys.join('  ')}</Text>
      </Text>
    </Box>
  );
}

export function NoticeLine({ text, tone = 'info' }: { text: string; tone?: 'info' | 'warn' }) {
  const ui = useUi();
  return (
    <Box flexShrink={0}>
      <Text color={ui.c(tone === 'warn' ? 'yellow' : 'cyan')} wrap="wrap">
        {text}
      </Text>
    </Box>
  );
}
