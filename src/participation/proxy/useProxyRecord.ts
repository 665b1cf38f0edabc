/**
 * The committee's full record of entries, paper batches and clashes (GET …/proxy), read again each
 * time the participation state changes (its revision), so a clash shows as soon as it happens.
 */
import { useEffect, useState } from 'react'
import type { RequestOptions } from '../../net/api'
import { useI18n } from '../../i18n/I18nProvider'
import type { ProxyRecord } from '../../shared/proxyEntry'
import type { Caller } from '../participationClient'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { getProxyRecord } from './proxyClient'

/**
 * One read per revision, shared: every vote card, the dialog and its parts use the record, and each
 * would otherwise ask the server again on every change of the project.
 */
let latest: { key: string; answer: Promise<ProxyRecord> } | null = null

function read(caller: Caller, revision: number, opts: RequestOptions): Promise<ProxyRecord> {
  const key = `${caller.projectId} ${caller.token} ${revision}`
  if (latest?.key !== key) {
    const answer = getProxyRecord(caller, opts)
    latest = { key, answer }
    // A failed read is not kept: the next card that asks tries again.
    answer.catch(() => { if (latest?.answer === answer) latest = null })
  }
  return latest.answer
}

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
    // Race: answers may arrive out of order; one for an older revision is dropped once a newer one is asked for.
    let current = true
    read(caller, revision, { t, lang }).then((r) => { if (current) setValue(r) }, () => {})
    return () => { current = false }
  }, [allowed, caller, revision, t, lang])
  return allowed ? value : null
}
