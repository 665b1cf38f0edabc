/**
 * The language context: `useI18n()` gives the current strings, the language and a setter.
 * The choice is remembered on this device and mirrored to `<html lang>` so screen readers and
 * the browser's font selection use the right language (Chinese glyph forms differ by lang).
 *
 * The provider starts with strings already loaded (src/app/main.tsx awaits them before the first
 * render), so nothing renders half translated; another language is fetched when chosen.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { readString, writeString } from '../device/localStore'
import { isLang, LANG_EVENT, LANG_KEY, loadStrings, type Lang, type Strings } from './lang'

export interface I18n {
  lang: Lang
  t: Strings
  /** Resolves false when the language could not be fetched (offline); the page keeps its language. */
  setLang: (lang: Lang) => Promise<boolean>
}

/** A language together with its loaded strings. */
export interface LoadedLang {
  lang: Lang
  t: Strings
}

const I18nContext = createContext<I18n | null>(null)

export function I18nProvider({ initial, children }: { initial: LoadedLang; children: ReactNode }) {
  const [current, setCurrent] = useState<LoadedLang>(initial)
  // The language asked for last. Two quick switches can finish loading out of order; only the
  // latest choice may take effect, or the page would end in the language chosen first.
  const wanted = useRef<Lang>(initial.lang)

  const setLang = useCallback((next: Lang) => {
    wanted.current = next
    return loadStrings(next).then(
      (t) => {
        if (wanted.current !== next) return true
        writeString(LANG_KEY, next)
        setCurrent({ lang: next, t })
        return true
      },
      // Offline before this language was ever fetched: the page stays in the language it has
      // (still fully usable), the switch says why, and the next tap tries again.
      (err: unknown) => {
        console.warn(`[i18n] could not load the ${next} strings`, err)
        return false
      },
    )
  }, [])

  // The boot view (src/app/bootView.ts) lies over the app while it starts, with its own language
  // switch. Race: she may switch there before this provider mounted (main.tsx read the language
  // already, so the saved one is newer) or after (the event).
  useEffect(() => {
    const saved = readString(LANG_KEY)
    if (isLang(saved) && saved !== wanted.current) void setLang(saved)
    const onSwitch = (e: Event) => {
      const next = (e as CustomEvent<unknown>).detail
      if (isLang(next)) void setLang(next)
    }
    window.addEventListener(LANG_EVENT, onSwitch)
    return () => window.removeEventListener(LANG_EVENT, onSwitch)
  }, [setLang])

  const { lang, t } = current
  useEffect(() => {
    document.documentElement.lang = lang
  }, [lang])

  const value = useMemo<I18n>(() => ({ lang, t, setLang }), [lang, t, setLang])
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useI18n(): I18n {
  const value = useContext(I18nContext)
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>')
  return value
}
