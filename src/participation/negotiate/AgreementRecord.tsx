/**
 * The agreement as recorded (option, who approved it, the quorum, who confirmed it and when), the
 * organizer's reopen with a reason, and the history of agreements and reopens.
 */
import { useState } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import { REASON_MAX, type Agreement } from '../../shared/participation'
import { reopenAgreement } from '../participationClient'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { useAction } from './useAction'
import { when } from './when'
import { byNameText } from '../../i18n/stageText'

export function AgreementSummary({ agreement, current }: { agreement: Agreement; current: boolean }) {
  const { participation } = useParticipationState()
  const { t, lang } = useI18n()
  const s = t.negotiate.agree
  const option = agreement.optionId ? participation?.options.find((o) => o.id === agreement.optionId) : undefined
  const names = new Intl.ListFormat(lang, { type: 'conjunction' }).format(agreement.approvals.map((a) => a.name))
  return (
    <article className={`ng-card${current ? ' ng-agreement' : ''}`} data-testid={current ? 'agreement' : 'agreement-past'} data-option-id={agreement.optionId ?? ''}>
      <h4 className="ng-group__title">
        {agreement.optionId ? format(s.agreedOption, { title: option?.title ?? t.negotiate.target.gone }) : s.agreedWithoutOption}
      </h4>
      {agreement.approvals.length > 0 && (
        <p>{format(s.agreedApprovers, { names, count: agreement.approvals.length })}{agreement.quorum !== null && ` ${format(s.agreedQuorum, { n: agreement.quorum })}`}</p>
      )}
      <p className="ng-muted">{format(s.agreedBy, { name: byNameText(t, agreement.byName), time: when(agreement.at, lang) })}</p>
    </article>
  )
}

export function ReopenForm() {
  const ui = useParticipationUi()
  const { t } = useI18n()
  const s = t.negotiate.agree
  const { busy, error, setError, act } = useAction()
  const [reason, setReason] = useState('')
  if (!ui || ui.role !== 'organizer' || ui.stage !== 'agreed') return null

  const submit = async () => {
    const text = reason.trim()
    if (!text) return setError(s.reasonRequired)
    if (await act((c, o) => reopenAgreement(c, { reason: text }, o))) setReason('')
  }

  return (
    <form
      noValidate
      className="ng-form ng-card"
      data-testid="reopen-form"
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <label className="ng-field">
        <span className="ng-field__label">{s.reopenLabel}</span>
        <textarea
          className="ng-input ng-input--text"
          data-testid="reopen-reason"
          rows={3}
          maxLength={REASON_MAX}
          placeholder={s.reopenPlaceholder}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      <p className="ng-hint">{s.reopenHint}</p>
      {error && <p className="ng-error" role="alert" data-testid="reopen-error">{error}</p>}
      <button type="submit" className="button ng-big" data-testid="reopen-submit" disabled={busy}>
        {busy ? s.reopening : s.reopen}
      </button>
    </form>
  )
}

/** Every agreement and reopen, newest first: an agreed design that was reopened stays on record. */
export function AgreementHistory({ skipId }: { skipId: string | null }) {
  const { participation } = useParticipationState()
  const { t, lang } = useI18n()
  const s = t.negotiate.agree
  if (!participation) return null
  const items = [
    ...participation.agreements.filter((a) => a.id !== skipId).map((a) => ({ at: a.at, key: a.id, node: <AgreementSummary agreement={a} current={false} /> })),
    ...participation.reopens.map((r) => ({
      at: r.at,
      key: r.id,
      node: (
        <article className="ng-card" data-testid="reopen-item">
          <h4 className="ng-group__title">{s.reopenedTitle}</h4>
          <p className="ng-comment__text">{r.reason}</p>
          <p className="ng-muted">{format(s.reopenedBy, { name: byNameText(t, r.byName), time: when(r.at, lang) })}</p>
        </article>
      ),
    })),
  ].sort((a, b) => b.at - a.at)
  if (items.length === 0) return null
  return (
    <>
      <h3 className="ng-heading">{s.historyTitle}</h3>
      {items.map((i) => (
        <div key={i.key}>{i.node}</div>
      ))}
    </>
  )
}
