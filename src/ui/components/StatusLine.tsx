import { Box, Text } from 'ink';
import { useSyncExternalStore } from 'react';
import { useUi } from '../context.js';
import { stringWidth } from '../text.js';

/** Keeps as many key labels as fit after `left`, always ending with the last `keep` ones. */
export function fitKeys(left: string, keys: string[], width: number, keep = 2): string[] {
  const tail = keys.slice(-keep);
  const head = keys.slice(0, -keep);
  const sep = '  ';
  // Drawn as " left " then "  key" for each key.
  let used = stringWidth(left) + 2 + tail.reduce((n, k) => n + stringWidth(k) + sep.length, 0);
  const out: string[] = [];
  for (const k of head) {
    const w = stringWidth(k) + sep.length;
    if (used + w > width) continue;
    out.push(k);
    used += w;
  }
  return [...out, ...tail];
}

export function StatusLine({ left, keys, width, passed }: { left: string; keys: string[]; width: number; passed?: boolean }) {
  const ui = useUi();
  const badge = useSyncExternalStore(ui.badge?.subscribe ?? noSubscribe, ui.badge?.get ?? noBadge);
  const shown = fitKeys(left + (passed ? ` ✔ ${ui.t('statusDone')}` : '') + (badge ? `  ${badge}` : ''), keys, width);
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
