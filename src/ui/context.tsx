/** Language and colour choice for every component. */
import { createContext, useContext, type ReactNode } from 'react';
import type { Lang } from '../i18n/index.js';
import { tu, type MessageKey } from './messages.js';

export type ColorName = 'green' | 'red' | 'yellow' | 'cyan' | 'magenta' | 'blue' | 'gray' | 'white';

export interface Ui {
  lang: Lang;
  /** False under NO_COLOR: marks and words carry the meaning, colour never does alone. */
  color: boolean;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  /** A colour name, or undefined when colour is off. */
  c: (name: ColorName) => ColorName | undefined;
  /** A short live status shown on the status line (the class the learner joined). */
  badge?: Badge;
}

export interface Badge {
  get(): string;
  subscribe(onChange: () => void): () => void;
}

export function makeUi(lang: Lang, color: boolean, badge?: Badge): Ui {
  return { lang, color, t: (key, vars) => tu(lang, key, vars), c: (name) => (color ? name : undefined), badge };
}

const UiContext = createContext<Ui>(makeUi('en', true));

export function UiProvider({ ui, children }: { ui: Ui; children: ReactNode }) {
  return <UiContext.Provider value={ui}>{children}</UiContext.Provider>;
}

export const useUi = (): Ui => useContext(UiContext);

/** NO_COLOR (https://no-color.org): set and not empty turns colour off. */
export function colorWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return !(env.NO_COLOR !== undefined && env.NO_COLOR !== '');
}
