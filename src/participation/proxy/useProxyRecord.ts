/**
 * The committee's full record of entries, paper batches and clashes (GET …/proxy), read again each
 * time the participation state changes (its revision), so a clash shows as soon as it happens.
 */
import { useEffect, useState } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import type { ProxyRecord } from '../../shared/proxyEntry'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { getProxyRecord } from './proxyClient'

/** Null for anyone who may not read it (residents, experts, a bare link) and until it arrives. */
export function useProxyRecord(): ProxyRecord | null {
  const ui = useParticipationUi()
  const { participation } = useParticipationState()
  const { t, lang } = useI18n()
  const [value, setValue] = useState<ProxyRecord | null>(null)
  const allowed = ui !== null && ui.participantId !== null && (ui.role === 'committee' || ui.role === 'organizer')
  const revision = participation?.revision ?? 0
  const caller = ui?.caller
  useEffect(() => {
    if (!allowed || !caller) return
    const abort = new AbortController()
    // Race: answers may arrive out of order; the abort drops the older read when a newer revision starts one.
    getProxyRecord(caller, { t, lang, signal: abort.signal }).then(setValue, () => {})
    return () => abort.abort()
  }, [allowed, caller, revision, t, lang])
  return allowed ? value : null
}
