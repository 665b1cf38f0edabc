/**
 * Both string tables at once, for tests and tools that check or use every language
 * (test/ui/i18n.test.ts: same keys, same placeholders, Chinese written in Chinese).
 *
 * Not for app code: importing this would put both languages into every page's JavaScript. The app
 * imports src/i18n/lang.ts, which loads the one language in use. New strings go into both tables,
 * in the area's file: src/shared/i18n/zh/ (the default, which defines the shape and placeholders)
 * and src/shared/i18n/en/.
 */
import { en } from './en'
import { tldrawMessages, type Lang, type Strings } from './lang'
import { zhCN } from './zhCN'

export * from './lang'

export const strings: Record<Lang, Strings> = { 'zh-CN': zhCN, en }

/** What <Tldraw overrides={{ translations }}> gets for each tldraw locale we use. */
export const tldrawTranslationOverrides: Record<string, Record<string, string>> = {
  'zh-cn': tldrawMessages(zhCN),
  en: tldrawMessages(en),
}
