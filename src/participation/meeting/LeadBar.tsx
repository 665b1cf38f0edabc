/**
 * The bar every follower sees while the presenter leads: "正在跟随 王老师 的画面 · 离开", and after
 * stepping out, "回到跟随" — one tap each way. The presenter's own page is told everyone follows it
 * and can end the lead from here as well.
 */
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import { releaseLead } from '../participationClient'
import { useParticipationUi } from '../ParticipationContext'
import { useAction } from '../negotiate/useAction'
import { holdLead } from './leadHolder'
import type { LeadFollow } from './useLeadFollow'

export function LeadBar({ follow }: { follow: LeadFollow }) {
  const ui = useParticipationUi()
  const { t } = useI18n()
  const s = t.meeting.lead
  const release = useAction()
  const { lead, presenting, following } = follow
  if (!ui || !lead) return null

  if (presenting) {
    return (
      <div className="mt-lead mt-lead--presenting" role="status" data-testid="lead-presenting">
        <span className="mt-lead__text">{lead.until === null ? s.leading : s.leadingUntil}</span>
        <button
          type="button"
          className="button mt-lead__button"
          data-testid="lead-release"
          disabled={release.busy}
          onClick={() => void release.act(async (c, o) => {
            const state = await releaseLead(c, o)
            holdLead(c.projectId, null)
            return state
          })}
        >
          {s.release}
        </button>
        {release.error && <span className="mt-error" role="alert">{release.error}</span>}
      </div>
    )
  }
  if (!following) {
    return (
      <button
        type="button"
        className="button mt-lead mt-lead--again"
        data-testid="lead-follow-again"
        aria-label={format(s.followAgainLabel, { name: lead.byName })}
        onClick={follow.followAgain}
      >
        {s.followAgain}
      </button>
    )
  }
  return (
    <div className="mt-lead" role="status" data-testid="lead-banner" data-lead-id={lead.id}>
      <span className="mt-lead__text">{format(s.following, { name: lead.byName })}</span>
      <button type="button" className="button mt-lead__button" data-testid="lead-step-out" aria-label={s.stepOutLabel} onClick={follow.stepOut}>
        {s.stepOut}
      </button>
    </div>
  )
}
