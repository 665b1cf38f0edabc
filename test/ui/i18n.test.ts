import { describe, expect, it } from 'vitest'
import { format, langFromLocale, LANGS, loadStrings, strings, tldrawTranslationOverrides } from '../../src/i18n/strings'
import { pluralIn, type PluralData } from '../../src/shared/i18n/messages'

const isPlural = (value: unknown): value is PluralData =>
  Boolean(value && typeof value === 'object' && 'locale' in value && 'other' in value)

/** Every message as [dotted.key, value]: a string, or a plural message (its forms together). */
function leaves(value: unknown, prefix = ''): [string, unknown][] {
  if (value && typeof value === 'object' && !isPlural(value)) {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k))
  }
  return [[prefix, value]]
}

const PLURAL_FORMS = ['zero', 'one', 'two', 'few', 'many', 'other'] as const
/** The texts of a message: the string itself, or each form a plural message has. */
const texts = (value: unknown): string[] =>
  isPlural(value) ? PLURAL_FORMS.flatMap((form) => (value[form] === undefined ? [] : [value[form]])) : [value as string]

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('our UI strings', () => {
  const zh = new Map(leaves(strings['zh-CN']))
  const en = new Map(leaves(strings.en))

  it('has the same keys in Chinese and English', () => {
    expect([...en.keys()].sort()).toEqual([...zh.keys()].sort())
    expect(zh.size).toBeGreaterThan(50)
  })

  it('has a non-empty string for every key in every language', () => {
    for (const lang of LANGS) {
      const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories
      for (const [key, value] of leaves(strings[lang])) {
        if (isPlural(value)) {
          // A plural message: its language's rules, only that language's categories, an `other` form.
          expect(value.locale, `${lang} ${key}`).toBe(lang)
          for (const form of PLURAL_FORMS) if (value[form] !== undefined) expect(categories, `${lang} ${key} ${form}`).toContain(form)
          expect(typeof value.other, `${lang} ${key}`).toBe('string')
        } else {
          expect(typeof value, `${lang} ${key}`).toBe('string')
        }
        for (const text of texts(value)) {
          expect(typeof text, `${lang} ${key}`).toBe('string')
          expect(text.trim(), `${lang} ${key}`).not.toBe('')
        }
      }
    }
  })

  it('uses the same placeholders in both languages', () => {
    for (const [key, value] of zh) {
      const other = en.get(key)
      expect(isPlural(other), key).toBe(isPlural(value))
      if (isPlural(value) && isPlural(other)) {
        expect(other.by, key).toBe(value.by)
        expect(placeholders(value.other), key).toContain(value.by)
        // The general form has exactly the Chinese placeholders; a singular may leave the number out
        // ("restored once") but uses no other placeholder.
        expect(placeholders(other.other), key).toEqual(placeholders(value.other))
        for (const text of texts(other)) for (const p of placeholders(text)) expect(placeholders(value.other), key).toContain(p)
      } else {
        expect(placeholders(other as string), key).toEqual(placeholders(value as string))
      }
    }
  })

  it('writes the Chinese strings in Chinese', () => {
    // A key copied over from English and never translated would show English to residents.
    const allowedLatin = new Set(['lang.switchTo'])
    for (const [key, value] of zh) {
      if (allowedLatin.has(key)) continue
      for (const text of texts(value)) expect(text, key).toMatch(/[\u4e00-\u9fff]/)
    }
  })

  it('overrides tldraw messages with non-empty text in both tldraw locales', () => {
    expect(Object.keys(tldrawTranslationOverrides).sort()).toEqual(['en', 'zh-cn'])
    expect(Object.keys(tldrawTranslationOverrides.en).sort()).toEqual(
      Object.keys(tldrawTranslationOverrides['zh-cn']).sort(),
    )
    for (const table of Object.values(tldrawTranslationOverrides)) {
      for (const text of Object.values(table)) expect(text.trim()).not.toBe('')
    }
  })
})

describe('loadStrings', () => {
  it('loads each language by itself, the same table the checks above read', async () => {
    // The app never imports both tables: it loads the language in use (src/i18n/lang.ts).
    for (const lang of LANGS) expect(await loadStrings(lang)).toBe(strings[lang])
  })
})

describe('format', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('最多 {max} 个字', { max: 120 })).toBe('最多 120 个字')
    expect(format('{a} and {b}', { a: 'x' })).toBe('x and {b}')
  })

  it('picks the plural form of the message’s language by the number of its `by` placeholder', () => {
    const en = strings.en
    expect(format(en.needs.sourceLine, { source: 'Paper', count: 1 })).toBe('Source: Paper, raised by 1 resident')
    expect(format(en.needs.sourceLine, { source: 'Paper', count: 3 })).toBe('Source: Paper, raised by 3 residents')
    expect(format(en.needs.sourceLine, { source: 'Paper', count: 0 })).toBe('Source: Paper, raised by 0 residents')
    expect(format(en.workflow.audit.restores, { count: 1 })).toBe('restored once')
    expect(format(en.workflow.audit.restores, { count: 2 })).toBe('restored 2 times')
    // Chinese has one form.
    expect(format(strings['zh-CN'].needs.sourceLine, { source: '问卷', count: 1 })).toBe('来源：问卷，1 位居民提出')
    // Other languages' rules: Intl.PluralRules decides, not "is it 1".
    const plural = pluralIn('pl')
    const files = plural('n', { one: '{n} plik', few: '{n} pliki', many: '{n} plików', other: '{n} pliku' })
    expect([1, 2, 5, 22].map((n) => format(files, { n }))).toEqual(['1 plik', '2 pliki', '5 plików', '22 pliki'])
  })

  it('checks the placeholders of table messages at compile time', () => {
    const t = strings['zh-CN']
    expect(format(t.home.nameTooLong, { max: 5 })).toBe('名称太长了，最多 5 个字。')
    // These lines are here for tsc (npm run typecheck): each must fail to compile.
    // @ts-expect-error a misspelt placeholder
    format(t.home.nameTooLong, { mx: 5 })
    // @ts-expect-error a missing placeholder
    format(t.needs.sourceLine, { count: 2 })
    // @ts-expect-error a placeholder the message does not have
    format(t.app.name, { name: 'x' })
    // @ts-expect-error the number that chooses a plural form must be a number
    format(t.needs.sourceLine, { source: '问卷', count: '2' })
    // @ts-expect-error a plural's general form must show the number that chooses it
    pluralIn('en')('n', { one: 'one file', other: 'some files' })
  })
})

describe('langFromLocale', () => {
  it('maps tldraw locales back to our two languages', () => {
    expect(langFromLocale('zh-cn')).toBe('zh-CN')
    expect(langFromLocale('zh-tw')).toBe('zh-CN')
    expect(langFromLocale('en')).toBe('en')
    expect(langFromLocale('fr')).toBe('en')
    expect(langFromLocale(null)).toBe('zh-CN')
  })
})
