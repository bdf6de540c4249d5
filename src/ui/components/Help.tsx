import { Box, Text } from 'ink';
import { useUi } from '../context.js';
import type { MessageKey } from '../messages.js';
import { padEnd, stringWidth } from '../text.js';

export const LEARN_KEYS: [string, MessageKey][] = [
  ['Enter', 'helpEnter'],
  ['n / p', 'helpNP'],
  ['h', 'helpH'],
  ['e', 'helpE'],
  ['s', 'helpS'],
  ['t', 'helpT'],
  ['r', 'helpR'],
  ['l', 'helpL'],
  ['↑ / ↓', 'helpArrows'],
  ['?', 'helpHelp'],
  ['q', 'helpQ'],
  ['Ctrl+C', 'helpCtrlC'],
];

export const PRESENT_KEYS: [string, MessageKey][] = [
  ['Space / Enter', 'helpSpace'],
  ['p', 'helpP'],
  ['?', 'helpHelp'],
  ['q', 'helpQ'],
  ['Ctrl+C', 'helpCtrlC'],
];

/** The `?` overlay: every key and what it does. */
export function Help({ mode, width }: { mode: 'learn' | 'present'; width: number }) {
  const ui = useUi();
  const keys = mode === 'present' ? PRESENT_KEYS : LEARN_KEYS;
  const kw = Math.max(...keys.map(([k]) => stringWidth(k))) + 2;
  return (
    <Box flexDirection="column" flexShrink={0} borderStyle="round" borderColor={ui.c('cyan')} paddingX={1} width={Math.min(width, 96)}>
      <Text bold>{ui.t('helpTitle')}</Text>
      {keys.map(([k, msg]) => (
        <Box key={k}>
          <Box width={kw} flexShrink={0}>
            <Text bold color={ui.c('cyan')}>
              {padEnd(k, kw)}
            </Text>
          </Box>
          <Box flexShrink={1}>
            <Text wrap="wrap">{ui.t(msg)}</Text>
          </Box>
        </Box>
      ))}
      <Text color={ui.c('gray')}>{ui.t('helpClose')}</Text>
    </Box>
  );
}
