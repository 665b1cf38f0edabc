/**
 * Our two languages' codes and where the chosen one is kept, without the string tables' loaders
 * (lang.ts): the boot script (src/app/bootView.ts) reads the setting before any table has come.
 */
export const LANGS = ['zh-CN', 'en'] as const
export type Lang = (typeof LANGS)[number]
export const DEFAULT_LANG: Lang = 'zh-CN'
/** Where the chosen language is kept (src/device/localStore.ts adds the prefix); vite.config.ts's page preload reads it too. */
export const LANG_KEY = 'lang'
/**
 * Dispatched on `window` (a CustomEvent whose detail is the language) by the boot view when she
 * switches language on it: the app may already be running beneath it, and follows (I18nProvider).
 */
export const LANG_EVENT = 'cg-lang'

export function isLang(value: unknown): value is Lang {
  return LANGS.some((lang) => lang === value)
}
