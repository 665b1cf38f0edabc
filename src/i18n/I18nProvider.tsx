/**
 * The language context: `useI18n()` gives the current strings, the language and a setter.
 * The choice is remembered on this device and mirrored to `<html lang>` so screen readers and
 * the browser's font selection use the right language (Chinese glyph forms differ by lang).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { readString, writeString } from '../app/localStore'
import { DEFAULT_LANG, isLang, strings, type Lang, type Strings } from './strings'

const LANG_KEY = 'lang'

export interface I18n {
  lang: Lang
  t: Strings
  setLang: (lang: Lang) => void
}

const I18nContext = createContext<I18n | null>(null)

export function loadLang(): Lang {
  const saved = readString(LANG_KEY)
  return isLang(saved) ? saved : DEFAULT_LANG
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(loadLang)

  const setLang = useCallback((next: Lang) => {
    writeString(LANG_KEY, next)
    setLangState(next)
  }, [])

  useEffect(() => {
    document.documentElement.lang = lang
  }, [lang])

  const value = useMemo<I18n>(() => ({ lang, t: strings[lang], setLang }), [lang, setLang])
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useI18n(): I18n {
  const value = useContext(I18nContext)
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>')
  return value
}
