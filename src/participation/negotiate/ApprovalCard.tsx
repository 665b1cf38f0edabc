/**
 * One option in the Agree tab: the committee members who approve it, by name, against the quorum;
 * a committee member's "I approve" (one option each: approving another moves it); and, once the
 * quorum is reached, the organizer's confirmation.
 */
import { useState } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import type { DesignOption } from '../../shared/participation'
import { Dialog } from '../../ui/Dialog'
import { approveOption, confirmAgreement, withdrawApproval } from '../participationClient'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { approvalsFor, myApproval, quorumReached } from './approvals'
import { useAction } from './useAction'
import { when } from './when'

export function ApprovalCard({ option }: { option: DesignOption }) {
  const ui = useParticipationUi()
  const { participation } = useParticipationState()
  const { t, lang } = useI18n()
  const s = t.negotiate.agree
  const approve = useAction()
  const confirm = useAction()
  const [asking, setAsking] = useState(false)
  if (!ui || !participation) return null

  const approvals = approvalsFor(participation.approvals, option.id)
  const quorum = participation.quorum
  const reached = quorumReached(approvals.length, quorum)
  const mine = myApproval(participation.approvals, ui.participantId)
  const isMine = mine?.optionId === option.id
  const mayApprove = ui.may('approve') && ui.participantId !== null
  const mayConfirm = ui.role === 'organizer' && ui.stage === 'negotiate'

  const doConfirm = async () => {
    await confirm.act((c, o) => confirmAgreement(c, { optionId: option.id }, o))
    setAsking(false)
  }

  return (
    <article className={`ng-card ng-approval${reached ? ' ng-approval--reached' : ''}`} data-testid="agree-option" data-option-id={option.id}>
      <div className="ng-row">
        <h4 className="ng-group__title">{option.title}</h4>
        <span className="ng-count" data-testid="approval-count" data-count={approvals.length} data-quorum={quorum ?? ''}>
          {quorum === null ? format(s.countNoQuorum, { count: approvals.length }) : format(s.count, { count: approvals.length, quorum })}
        </span>
      </div>
      {quorum !== null && (
        <div className="ng-bar" aria-hidden="true">
          <div className="ng-bar__fill" style={{ width: `${Math.min(100, (approvals.length / quorum) * 100)}%` }} />
        </div>
      )}
      {approvals.length > 0 ? (
        <ul className="ng-names" data-testid="approvers">
          {approvals.map((a) => (
            <li key={a.participantId} className="ng-chip" title={when(a.at, lang)}>✓ {a.name}</li>
          ))}
        </ul>
      ) : (
        <p className="ng-muted">{s.noneYet}</p>
      )}
      {mayApprove && (
        <div className="ng-actions">
          <button
            type="button"
            className={`button ng-big${isMine ? '' : ' button--primary'}`}
            data-testid="approve-option"
            data-option-id={option.id}
            aria-pressed={isMine}
            disabled={approve.busy}
            onClick={() => {
              if (!isMine) void approve.act((c, o) => approveOption(c, { optionId: option.id }, o))
            }}
          >
            {isMine ? s.approved : mine ? s.moveApproval : s.approve}
          </button>
          {isMine && (
            <button
              type="button"
              className="button"
              data-testid="approval-withdraw"
              disabled={approve.busy}
              onClick={() => void approve.act((c, o) => withdrawApproval(c, o))}
            >
              {s.withdraw}
            </button>
          )}
        </div>
      )}
      {approve.error && <p className="ng-error" role="alert" data-testid="approve-error">{approve.error}</p>}
      {mayConfirm && reached && (
        <button type="button" className="button button--primary ng-big ng-wide" data-testid="confirm-agreement" data-option-id={option.id} onClick={() => setAsking(true)}>
          {s.confirm}
        </button>
      )}
      {confirm.error && <p className="ng-error" role="alert" data-testid="confirm-error">{confirm.error}</p>}
      {asking && (
        <Dialog title={format(s.confirmTitle, { title: option.title })} testId="confirm-agreement-dialog" size="alert" onClose={() => !confirm.busy && setAsking(false)}>
          <p className="wf-dialog__text">{format(s.confirmBody, { count: approvals.length })}</p>
          <div className="wf-dialog__actions">
            <button type="button" className="button button--primary" data-testid="confirm-agreement-yes" disabled={confirm.busy} onClick={() => void doConfirm()}>
              {confirm.busy ? s.confirming : s.confirmYes}
            </button>
            <button type="button" className="button" data-testid="confirm-agreement-no" disabled={confirm.busy} onClick={() => setAsking(false)}>
              {s.confirmNo}
            </button>
          </div>
        </Dialog>
      )}
    </article>
  )
}
