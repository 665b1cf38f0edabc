import { describe, expect, it } from 'vitest'
import { format, langFromLocale, LANGS, loadStrings, strings, tldrawTranslationOverrides } from '../../src/i18n/strings'

/** Every leaf as [dotted.key, value]. */
function leaves(value: unknown, prefix = ''): [string, unknown][] {
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k))
  }
  return [[prefix, value]]
}

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
      for (const [key, value] of leaves(strings[lang])) {
        expect(typeof value, `${lang} ${key}`).toBe('string')
        expect((value as string).trim(), `${lang} ${key}`).not.toBe('')
      }
    }
  })

  it('uses the same placeholders in both languages', () => {
    for (const [key, value] of zh) {
      expect(placeholders(en.get(key) as string), key).toEqual(placeholders(value as string))
    }
  })

  it('writes the Chinese strings in Chinese', () => {
    // A key copied over from English and never translated would show English to residents.
    const allowedLatin = new Set(['lang.switchTo'])
    for (const [key, value] of zh) {
      if (allowedLatin.has(key)) continue
      expect(value as string, key).toMatch(/[\u4e00-\u9fff]/)
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
