/**
 * Our two languages and what the app needs to use them: the string tables' type, `loadStrings`
 * (each table is its own chunk, so a page carries only the language in use — the other comes when
 * someone switches), `format`, and the mapping to tldraw's locales.
 *
 * The tables are loaded through src/i18n/zhCN.ts (the default, whose table defines `Strings`) and
 * src/i18n/en.ts; they are written in src/shared/i18n/ (one file per area and language), with
 * `format`, so the server's exports use the same words. App code imports from here, never the tables
 * directly: a static import would put that language into every page's JavaScript.
 * src/i18n/strings.ts gathers both for tests.
 */
import type { Strings } from './zhCN'

export type { Strings }
// `format` lives with the tables in src/shared/i18n: runtime-neutral, the server's exports use it too.
export { format, type ValuesOf } from '../shared/i18n/messages.js'

export { DEFAULT_LANG, isLang, LANG_EVENT, LANG_KEY, LANGS, type Lang } from './langCodes'
import { DEFAULT_LANG, isLang, LANG_KEY, type Lang } from './langCodes'
import { readString } from '../device/localStore'

/** The language this device chose last, or the default. */
export function loadLang(): Lang {
  const saved = readString(LANG_KEY)
  return isLang(saved) ? saved : DEFAULT_LANG
}

// Literal import() calls, one per language: the bundler makes each table its own chunk.
const importers: Record<Lang, () => Promise<Strings>> = {
  'zh-CN': () => import('./zhCN').then((m) => m.zhCN),
  en: () => import('./en').then((m) => m.en),
}

const loading = new Map<Lang, Promise<Strings>>()

/**
 * The strings of `lang`, fetched once per page. A failed fetch (offline before the chunk was ever
 * cached) is forgotten so a later attempt can try again; it rejects for the caller to handle.
 */
export function loadStrings(lang: Lang): Promise<Strings> {
  let pending = loading.get(lang)
  if (!pending) {
    pending = importers[lang]()
    pending.catch(() => loading.delete(lang))
    loading.set(lang, pending)
  }
  return pending
}

/** tldraw's locale code for each of our languages (tldraw ships zh-cn and en translations). */
export const TLDRAW_LOCALE: Record<Lang, string> = { 'zh-CN': 'zh-cn', en: 'en' }

/** Map a locale chosen in tldraw's own language menu back to one of ours. */
export function langFromLocale(locale: string | null | undefined): Lang {
  return locale?.toLowerCase().startsWith('zh') ? 'zh-CN' : locale ? 'en' : DEFAULT_LANG
}

/**
 * tldraw's messages for files it refuses before uploading, replaced by ours (the defaults are
 * vaguer: "file type not allowed"), in the language of `t`. Passed to <Tldraw overrides> under
 * that language's tldraw locale.
 */
export function tldrawMessages(t: Strings): Record<string, string> {
  return {
    'assets.files.type-not-allowed': t.upload.wrongType,
    'assets.files.upload-failed': t.upload.failed,
  }
}
