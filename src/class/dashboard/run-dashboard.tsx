/** Entry point of the dashboard: the only module of `class` that loads Ink, and only without --headless. */
import { render } from 'ink';
import type { Lang } from '../../i18n/index.js';
import { colorWanted } from '../../ui/context.js';
import { settleTerminalSize } from '../../ui/terminal-size.js';
import type { ClassModel } from '../model.js';
import { Dashboard } from './Dashboard.js';

export interface RunDashboardOptions {
  model: ClassModel;
  urls: string[];
  code: string;
  lang: Lang;
  traffic: () => { accepted: number; refused: number };
  /** The server calls the function given here when events change the model. */
  setRedraw: (fn: () => void) => void;
}

export async function runDashboard(o: RunDashboardOptions): Promise<void> {
  const listeners = new Set<() => void>();
  o.setRedraw(() => {
    for (const l of listeners) l();
  });
  const subscribe = (l: () => void) => {
    listeners.add(l);
    return () => listeners.delete(l);
  };
  // Ink draws nothing until exit when it believes it runs in CI; a terminal on both ends says otherwise.
  for (const k of Object.keys(process.env)) if (k === 'CI' || k === 'CONTINUOUS_INTEGRATION' || k.startsWith('CI_')) delete process.env[k];
  const unsettle = settleTerminalSize(process.stdout);
  const app = render(<Dashboard model={o.model} url={o.urls[0]} code={o.code} lang={o.lang} color={colorWanted()} traffic={o.traffic} subscribe={subscribe} />, { exitOnCtrlC: false });
  try {
    await app.waitUntilExit();
  } finally {
    unsettle();
  }
}
