// The two languages goconc ships. Every user-visible string is a LocalText.
export type Locale = 'en' | 'ko';

export interface LocalText {
  en: string;
  ko: string;
}

/** Maps an LSP/OS locale such as "ko-KR" or "ko_KR.UTF-8" to a shipped locale. */
export function pickLocale(raw: string | undefined | null): Locale {
  return raw && /^ko\b|^ko[-_]/i.test(raw) ? 'ko' : 'en';
}

/** Locale from the environment, as CLIs do (LC_ALL, LC_MESSAGES, LANG). */
export function localeFromEnv(env: NodeJS.ProcessEnv = process.env): Locale {
  return pickLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}

/** Fills `{name}` placeholders. */
export function format(text: LocalText, locale: Locale, args: Record<string, string | number> = {}): string {
  return text[locale].replace(/\{(\w+)\}/g, (m, k: string) => (k in args ? String(args[k]) : m));
}
