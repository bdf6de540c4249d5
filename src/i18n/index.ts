/** Language choice and message tables. Each module keeps its own table. */
export type Lang = 'en' | 'zh';

export const LANGS: Lang[] = ['en', 'zh'];

/** --lang wins; then the locale: any zh* in LC_ALL, LC_MESSAGES, LANG or LANGUAGE selects Chinese. */
export function detectLang(flag?: string, env: NodeJS.ProcessEnv = process.env): Lang {
  if (flag === 'en' || flag === 'zh') return flag;
  const vars = [env.LC_ALL, env.LC_MESSAGES, env.LANG, env.LANGUAGE];
  return vars.some((v) => v && /^zh/i.test(v)) ? 'zh' : 'en';
}

/** Fills {name} placeholders. */
export function fill(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** Items of a list in running text: `a, b` or `a、b`. */
export function joinList(lang: Lang, items: readonly (string | number)[]): string {
  return items.join(lang === 'zh' ? '、' : ', ');
}

export type Messages<K extends string> = Record<Lang, Record<K, string>>;

/** A translator over one module's message table. */
export function translator<K extends string>(table: Messages<K>) {
  return (lang: Lang, key: K, vars?: Record<string, string | number>): string => fill(table[lang][key] ?? table.en[key], vars);
}
