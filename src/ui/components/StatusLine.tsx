/** The bottom line: where the learner is, a class badge when joined, then the keys that fit (chosen from the key table by priority). */
import { Box, Text } from 'ink';
import { useSyncExternalStore } from 'react';
import { useUi } from '../context.js';
import { fitStatus } from '../keys.js';

export interface StatusEntry {
  text: string;
  priority: number;
}

export function StatusLine({ left, entries, width, passed }: { left: string; entries: StatusEntry[]; width: number; passed?: boolean }) {
  const ui = useUi();
  const badge = useSyncExternalStore(ui.badge?.subscribe ?? noSubscribe, ui.badge?.get ?? noBadge);
  const shown = fitStatus(left + (passed ? ` ✔ ${ui.t('statusDone')}` : '') + (badge ? `  ${badge}` : ''), entries, width);
  return (
    <Box width={width} flexShrink={0}>
      <Text wrap="truncate-end">
        <Text inverse bold>
          {` ${left} `}
        </Text>
        {passed ? <Text color={ui.c('green')}>{` ✔ ${ui.t('statusDone')}`}</Text> : null}
        {badge ? <Text color={ui.c('cyan')}>{`  ${badge}`}</Text> : null}
        <Text color={ui.c('gray')}>{'  ' + shown.join('  ')}</Text>
      </Text>
    </Box>
  );
}

const noSubscribe = () => () => {};
const noBadge = () => '';

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
