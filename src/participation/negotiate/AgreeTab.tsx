/**
 * The Agree tab. In Negotiate: committee members approve one option each, by name; the organizer
 * sets the quorum and, once an option reaches it, confirms — the project moves to Agreed. In Agreed:
 * the agreement, and the organizer's reopen with a reason. Before Negotiate: what will happen here.
 */
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { ApprovalCard } from './ApprovalCard'
import { AgreementHistory, AgreementSummary, ReopenForm } from './AgreementRecord'
import { permissionNote } from './permissionNote'
import { isAgreedOrLater } from '../../shared/workflow'
import { QuorumForm } from './QuorumForm'
import './negotiate.css'

export function AgreeTab() {
  const ui = useParticipationUi()
  const { participation } = useParticipationState()
  const { t, lang } = useI18n()
  const s = t.negotiate.agree
  if (!ui) return null
  if (!participation) return <p className="ng-muted">{t.negotiate.loading}</p>

  const agreed = isAgreedOrLater(ui.stage)
  const current = agreed ? participation.agreements[participation.agreements.length - 1] ?? null : null
  const approveNote = ui.role === 'committee' ? permissionNote(t, lang, ui.role, ui.stage, 'approve', { participantId: ui.participantId, recordsPerson: true }) : null

  return (
    <section className="ng-tab" data-testid="agree-tab" aria-label={t.participation.tabs.agree}>
      {agreed ? (
        <>
          <p className="ng-intro">{s.agreedIntro}</p>
          {current ? <AgreementSummary agreement={current} current /> : <p className="ng-muted">{s.noRecord}</p>}
          <ReopenForm />
        </>
      ) : (
        <>
          <p className="ng-intro">
            {participation.quorum === null ? s.introNoQuorum : format(s.intro, { n: participation.quorum })}
          </p>
          {ui.stage !== 'negotiate' && <p className="ng-note" role="note">{s.notYet}</p>}
          {approveNote && ui.stage === 'negotiate' && <p className="ng-note" role="note">{approveNote}</p>}
          {ui.role === 'organizer' && <QuorumForm key={participation.quorum ?? 'none'} quorum={participation.quorum} />}
          {participation.options.length === 0 && <p className="ng-muted">{s.noOptions}</p>}
          {participation.options.map((o) => (
            <ApprovalCard key={o.id} option={o} />
          ))}
        </>
      )}
      <AgreementHistory skipId={current?.id ?? null} />
    </section>
  )
}
