/**
 * The `user` we give <Tldraw>: our participant's id, name and colour and our language, so tldraw
 * shows them (cursor label, people, its own UI language). When tldraw's own menus change a
 * preference we take it back into our state, which stays the one source of truth.
 */
import { useCallback, useMemo, useState } from 'react'
import { useTldrawCurrentUser, type TLCurrentUser, type TLUserPreferences } from 'tldraw'
import { readJson, writeJson } from '../device/localStore'
import { useI18n } from '../i18n/I18nProvider'
import { langFromLocale, TLDRAW_LOCALE } from '../i18n/lang'
import { getParticipant, updateParticipant } from './participant'

/** tldraw preferences we do not manage ourselves (dark mode, snapping, …), remembered as given. */
type OtherPrefs = Omit<TLUserPreferences, 'id' | 'name' | 'color' | 'locale'>

const PREFS_KEY = 'tldrawPrefs'

function loadOtherPrefs(): OtherPrefs {
  const saved = readJson(PREFS_KEY)
  // Cast: stored as tldraw gave it (setUserPreferences below), in tldraw's own type, which has no
  // guard; a check field by field would drop what a newer tldraw adds. tldraw fills in what is missing.
  return saved && typeof saved === 'object' && !Array.isArray(saved) ? (saved as OtherPrefs) : {}
}

export function useTldrawUser(participant: { id: string; name: string; color: string }): TLCurrentUser {
  const { lang, setLang } = useI18n()
  const [otherPrefs, setOtherPrefs] = useState<OtherPrefs>(loadOtherPrefs)

  const userPreferences = useMemo<TLUserPreferences>(
    () => ({
      ...otherPrefs,
      id: participant.id,
      name: participant.name,
      color: participant.color,
      locale: TLDRAW_LOCALE[lang],
    }),
    [otherPrefs, participant.id, participant.name, participant.color, lang],
  )

  // Stable identity: tldraw rebuilds its user object when this function changes.
  const setUserPreferences = useCallback(
    (next: TLUserPreferences) => {
      const { id: _id, name, color, locale, ...rest } = next
      const me = getParticipant()
      // An emptied name in tldraw's editor is ignored: everyone must keep seeing who drew what.
      if (name?.trim() && name !== me.name) updateParticipant({ name })
      if (color && color !== me.color) updateParticipant({ color })
      if (locale) setLang(langFromLocale(locale))
      writeJson(PREFS_KEY, rest)
      setOtherPrefs(rest)
    },
    [setLang],
  )

  return useTldrawCurrentUser({ userPreferences, setUserPreferences })
}
