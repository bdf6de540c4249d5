import { Box, Text } from 'ink';
import { useUi } from '../context.js';

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 16;

export function TooSmall({ columns, rows }: { columns: number; rows: number }) {
  const ui = useUi();
  return (
    <Box flexDirection="column" width={columns}>
      <Text color={ui.c('yellow')} wrap="wrap">
        {ui.t('tooSmall', { cols: columns, rows })}
      </Text>
      <Text wrap="wrap">{ui.t('tooSmallNeed', { minCols: MIN_COLUMNS, minRows: MIN_ROWS })}</Text>
    </Box>
  );
}
