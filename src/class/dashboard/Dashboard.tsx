/** The instructor's live dashboard: draws frame() and passes keys to dashboardKey(). */
import { Box, Text, useApp, useInput, useStdin } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import type { Lang } from '../../i18n/index.js';
import { useTerminalSize } from '../../ui/hooks/use-terminal-size.js';
import type { ClassModel } from '../model.js';
import { frame, type Tone } from './layout.js';
import { dashboardKey, follow, START, type DashboardView } from './view.js';

export interface DashboardProps {
  model: ClassModel;
  url: string;
  code: string;
  lang: Lang;
  color: boolean;
  traffic: () => { accepted: number; refused: number };
  /** Calls back whenever the model changed; returns an unsubscribe function. */
  subscribe: (onChange: () => void) => () => void;
  /** Redraws at most this often when events pour in. */
  throttleMs?: number;
}

const COLORS: Partial<Record<Tone, string>> = { title: 'cyan', head: 'white', stuck: 'yellow', done: 'green', dim: 'gray', fail: 'red', pass: 'green' };

export function Dashboard(p: DashboardProps) {
  const size = useTerminalSize();
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const [view, setView] = useState<DashboardView>(START);
  const [tick, setTick] = useState(0);

  // Time on step moves every second; events redraw at most every throttleMs.
  useEffect(() => {
    const clock = setInterval(() => setTick((n) => n + 1), 1000);
    let pending: NodeJS.Timeout | undefined;
    const off = p.subscribe(() => {
      pending ??= setTimeout(() => {
        pending = undefined;
        setTick((n) => n + 1);
      }, p.throttleMs ?? 200);
    });
    return () => {
      clearInterval(clock);
      clearTimeout(pending);
      off();
    };
  }, [p]);

  const f = useMemo(
    () => frame({ model: p.model, view, now: Date.now(), columns: size.columns, rows: size.rows, url: p.url, code: p.code, lang: p.lang, traffic: p.traffic() }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [p, view, tick, size.columns, size.rows],
  );

  useInput(
    (input, key) => {
      setView((v) => {
        const next = dashboardKey(v, { input, ...key }, { rows: f.listRows, ids: f.ids, steps: f.steps });
        return next === v ? v : follow(next, next.screen === 'steps' ? f.steps : f.ids.length, f.listRows);
      });
    },
    { isActive: isRawModeSupported === true },
  );

  useEffect(() => {
    if (view.quit) exit();
  }, [view.quit, exit]);

  return (
    <Box flexDirection="column" width={size.columns}>
      {f.lines.map((l, i) => (
        <Text key={i} wrap="truncate" color={p.color ? COLORS[l.tone] : undefined} inverse={l.tone === 'selected'} bold={l.tone === 'title' || l.tone === 'stuck'}>
          {l.text}
        </Text>
      ))}
    </Box>
  );
}
