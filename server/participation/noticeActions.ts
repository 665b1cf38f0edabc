/**
 * The public notice (公示, docs/api.md "Public notice"; rules in docs/permissions.md): the organizer
 * opens a notice period in Agreed, extends, shortens or closes it; the organizer and the committee
 * see it with every comment, answer each and hide what must not stay public (reasons as in the
 * meeting's moderation). The public side — anyone with the link, no sign-in — reads the notice
 * (noticeView.ts) and comments during the period.
 */
import { HIDE_NOTE_MAX, HIDE_REASONS, seesHidden, seesPersonalNumbers } from '../../src/shared/moderation.js'
import {
  DAY_MS, NOTICE_ANSWER_MAX, NOTICE_COMMENT_MAX, NOTICE_COMMENTS_MAX, NOTICE_DAYS_MAX, NOTICE_REASON_MAX, noticePath, noticeStatus,
  type NoticeRecord, type NoticeState, type PublicNotice,
} from '../../src/shared/notice.js'
import { maskPersonalNumbers } from '../../src/shared/personalNumbers.js'
import { STAGES } from '../../src/shared/workflow.js'
import type { StageMoveRecord } from '../workflow/ProjectStore.js'
import { hashToken, looksLikeToken, newToken } from '../workflow/tokens.js'
import { newId } from '../workflow/Workflow.js'
import type { ActionDeps } from './actionDeps.js'
import { requireAction, type Caller } from './caller.js'
import { agreedOptionOf, publicNotice } from './noticeView.js'
import type { StoredNotice } from './noticeStore.js'
import type { Participation } from './Participation.js'
import { isId, oneOf, pathId, text, type Body, type BodyReader } from './participationInput.js'
import { ParticipationError } from './ParticipationError.js'

/** A notice's start may lie this far in the past (a date picked "today" at 00:00 is a few hours ago). */
const START_PAST_MS = DAY_MS

/** What the route checked of the plan drawing (server/export/reportSvg.ts: the http layer checks it, the service stores it). */
export interface CheckedPlan {
  svg: string | null
  bounds: { x: number; y: number; width: number; height: number } | null
}

const noticeNotFound = () => new ParticipationError(404, 'notice_not_found', 'This project has no notice with that id; reload to see the current one.')
const commentNotFound = () => new ParticipationError(404, 'comment_not_found', 'This notice has no comment with that id; reload to see the current list.')
/** The same answer for every wrong, malformed or unknown token: a guesser learns nothing. */
const publicNotFound = () => new ParticipationError(404, 'notice_not_found', 'There is no public notice at this address; check the link or the QR code.')

/**
 * Lifecycle: an agreed plan that is reopened (Agreed → an earlier stage) is no longer the plan on
 * notice; its running notice is closed at that moment, by whoever moved the stage. Moving on to a
 * later stage leaves it running.
 */
export function closeNoticeOnReopen(participation: Participation, move: StageMoveRecord): void {
  if (move.fromStage !== 'agreed' || STAGES.indexOf(move.toStage) > STAGES.indexOf('agreed')) return
  for (const n of participation.notices.list(move.projectId)) {
    if (n.closedAt === null) participation.notices.close(n.id, { participantId: null, name: move.byName, role: 'organizer' }, move.at)
  }
}

function period(body: Body, now: number): { startsAt: number; endsAt: number } {
  const time = (key: 'startsAt' | 'endsAt') => {
    const v = body[key]
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 8.64e15) {
      throw new ParticipationError(400, `invalid_${key}`, `"${key}" must be a time in milliseconds since 1970 (a whole number).`)
    }
    return v
  }
  const startsAt = time('startsAt')
  const endsAt = time('endsAt')
  if (startsAt < now - START_PAST_MS) throw new ParticipationError(400, 'invalid_startsAt', 'The notice cannot start more than a day in the past; pick today or a later date.')
  if (endsAt <= startsAt) throw new ParticipationError(400, 'invalid_endsAt', 'The notice must end after it starts; pick a later end date.')
  if (endsAt <= now) throw new ParticipationError(400, 'invalid_endsAt', 'The end date has passed already; pick a later end date.')
  if (endsAt - startsAt > NOTICE_DAYS_MAX * DAY_MS) {
    throw new ParticipationError(400, 'notice_too_long', `A notice may run at most ${NOTICE_DAYS_MAX} days; pick an earlier end date.`)
  }
  return { startsAt, endsAt }
}

export class NoticeActions {
  constructor(private readonly deps: Pick<ActionDeps, 'workflow' | 'participation'>, private readonly now: () => number = Date.now) {}

  private get notices() {
    return this.deps.participation.notices
  }

  private requireReader(c: Caller): void {
    if (!seesHidden(c.link.role)) {
      throw new ParticipationError(403, 'not_allowed', 'Only the organizer and the committee manage the public notice; anyone can read it through its public link.')
    }
  }

  private notice(c: Caller, id: string | undefined): StoredNotice {
    const found = this.notices.get(c.project.id, pathId(id, noticeNotFound))
    if (!found) throw noticeNotFound()
    return found
  }

  /** The needs the agreed option does not address (live, not hidden: as the public sees them). */
  private reasonsOf(body: Body, key: 'reasons', notAddressed: ReadonlySet<string>): Record<string, string> {
    const raw = body[key]
    if (raw === undefined || raw === null) return {}
    if (typeof raw !== 'object' || Array.isArray(raw)) throw new ParticipationError(400, 'invalid_reasons', '"reasons" must be an object: need id → why it is not addressed.')
    const out: Record<string, string> = {}
    for (const [id, value] of Object.entries(raw)) {
      if (!isId(id) || !notAddressed.has(id)) {
        throw new ParticipationError(400, 'invalid_reasons', `"reasons" names ${JSON.stringify(id.slice(0, 64))}, which is not a need of this project that the agreed option leaves unaddressed.`)
      }
      const reason = text({ reasons: value }, 'reasons', NOTICE_REASON_MAX, false, true)
      if (reason) out[id] = reason
    }
    return out
  }

  state(c: Caller): NoticeState {
    this.requireReader(c)
    const now = this.now()
    const notices = this.notices.list(c.project.id).map((n) => this.record(c, n, now))
    const agreed = agreedOptionOf(this.deps.participation, c.project.id, c.stage)
    const running = notices.some((n) => n.period.status === 'upcoming' || n.period.status === 'open')
    return {
      notices,
      notAddressed: agreed ? agreed.notAddressed.map((n) => ({ id: n.id, text: maskPersonalNumbers(n.text) })) : [],
      canOpen: c.link.role === 'organizer' && agreed !== null && agreed.optionId !== null && !running,
      optionFrameId: agreed?.state.options.find((o) => o.id === agreed.optionId)?.frameShapeId ?? null,
    }
  }

  private record(c: Caller, n: StoredNotice, now: number): NoticeRecord {
    const mask = (s: string) => (seesPersonalNumbers(c.link.role) ? s : maskPersonalNumbers(s))
    const comments = this.notices.comments(n.id).map((x) => ({
      id: x.id, text: mask(x.text), createdAt: x.createdAt, answer: x.answer, hidden: x.hidden,
    }))
    return {
      id: n.id, link: noticePath(n.token), token: n.token, optionId: n.optionId,
      period: { startsAt: n.startsAt, endsAt: n.endsAt, closedAt: n.closedAt, status: noticeStatus(n, now) },
      openedBy: n.openedBy, openedAt: n.openedAt, closedBy: n.closedBy, reasons: n.reasons, hasPlan: n.planSvg !== null,
      comments, unanswered: comments.filter((x) => x.hidden === null && x.answer === null).length,
    }
  }

  async open(c: Caller, input: () => Promise<{ body: Body; plan: CheckedPlan }>): Promise<NoticeState> {
    requireAction(c, 'notice', 'open a public notice')
    const agreed = agreedOptionOf(this.deps.participation, c.project.id, c.stage)
    if (!agreed || agreed.optionId === null) {
      throw new ParticipationError(409, 'no_agreed_option', 'The agreement names no design option, so there is nothing to put on notice; reopen the plan and confirm an option first.')
    }
    const now = this.now()
    const running = this.notices.list(c.project.id).find((n) => ['upcoming', 'open'].includes(noticeStatus(n, now)))
    if (running) throw new ParticipationError(409, 'notice_running', 'A public notice of this plan is running already; extend or close it instead of opening another.')
    const { body, plan } = await input()
    const { startsAt, endsAt } = period(body, now)
    const reasons = this.reasonsOf(body, 'reasons', new Set(agreed.notAddressed.map((n) => n.id)))
    const token = newToken()
    this.notices.insert({
      id: newId(), projectId: c.project.id, token, optionId: agreed.optionId, startsAt, endsAt, openedAt: now, openedBy: c.actor,
      closedAt: null, closedBy: null, reasons, planSvg: plan.svg, planBounds: plan.svg ? plan.bounds : null,
    }, hashToken(token))
    return this.state(c)
  }

  /** Extend or shorten (endsAt), and the reasons of not-addressed needs (reasons), of a notice not closed. */
  async update(c: Caller, noticeId: string | undefined, input: BodyReader): Promise<NoticeState> {
    requireAction(c, 'notice', 'change the public notice')
    const n = this.notice(c, noticeId)
    if (n.closedAt !== null) throw new ParticipationError(409, 'notice_closed', 'This notice was closed; open a new one to put the plan on notice again.')
    const body = await input()
    const now = this.now()
    if (body.endsAt !== undefined) {
      const { endsAt } = period({ startsAt: n.startsAt, endsAt: body.endsAt }, Math.min(now, n.startsAt + START_PAST_MS))
      if (endsAt <= now) throw new ParticipationError(400, 'invalid_endsAt', 'The end date has passed already; pick a later end date, or close the notice.')
      this.notices.setEnd(n.id, endsAt)
    }
    if (body.reasons !== undefined) {
      const agreed = agreedOptionOf(this.deps.participation, c.project.id, c.stage)
      this.notices.setReasons(n.id, this.reasonsOf(body, 'reasons', new Set(agreed?.notAddressed.map((x) => x.id) ?? [])))
    }
    return this.state(c)
  }

  close(c: Caller, noticeId: string | undefined): NoticeState {
    requireAction(c, 'notice', 'close the public notice')
    const n = this.notice(c, noticeId)
    if (!this.notices.close(n.id, c.actor, this.now())) throw new ParticipationError(409, 'notice_closed', 'This notice was closed already; reload to see.')
    return this.state(c)
  }

  async answer(c: Caller, noticeId: string | undefined, commentId: string | undefined, input: BodyReader): Promise<NoticeState> {
    requireAction(c, 'answerNotice', 'answer comments on the public notice')
    const n = this.notice(c, noticeId)
    const id = pathId(commentId, commentNotFound)
    if (!this.notices.hasComment(n.id, id)) throw commentNotFound()
    const answer = text(await input(), 'text', NOTICE_ANSWER_MAX, true, true)
    this.notices.answer(id, answer, c.actor, this.now())
    return this.state(c)
  }

  async moderate(c: Caller, noticeId: string | undefined, commentId: string | undefined, action: 'hide' | 'restore', input: BodyReader): Promise<NoticeState> {
    requireAction(c, 'moderate', action === 'hide' ? 'hide comments' : 'restore hidden comments')
    const n = this.notice(c, noticeId)
    const id = pathId(commentId, commentNotFound)
    if (!this.notices.hasComment(n.id, id)) throw commentNotFound()
    const body = action === 'hide' ? await input() : {}
    const reason = action === 'hide' ? oneOf(body, 'reason', HIDE_REASONS) : null
    // "Other" says nothing by itself: the reason must be written out.
    const note = action === 'hide' ? text(body, 'note', HIDE_NOTE_MAX, reason === 'other', true) : ''
    const done = this.notices.appendModeration({ id: newId(), commentId: id, action, reason, note, by: c.actor, at: this.now() })
    if (!done) {
      throw action === 'hide'
        ? new ParticipationError(409, 'already_hidden', 'This is hidden already; reload to see who hid it and why.')
        : new ParticipationError(409, 'not_hidden', 'This is not hidden (maybe someone restored it just now); reload to see.')
    }
    return this.state(c)
  }

  // --- the public side: a token, no sign-in ---

  /** The notice a public token opens; every wrong, malformed or unknown token is the same 404. */
  byToken(token: string | undefined): StoredNotice {
    const found = looksLikeToken(token) ? this.notices.byTokenHash(hashToken(token)) : undefined
    if (!found) throw publicNotFound()
    return found
  }

  publicView(token: string | undefined): PublicNotice {
    return publicNotice(this.deps.participation, this.deps.workflow, this.byToken(token), this.now())
  }

  /** The plan drawing of a notice, or null when it was opened without one. */
  planOf(token: string | undefined): { notice: StoredNotice; svg: string | null } {
    const notice = this.byToken(token)
    return { notice, svg: notice.planSvg }
  }

  async comment(token: string | undefined, input: BodyReader): Promise<PublicNotice> {
    const n = this.byToken(token)
    const now = this.now()
    const status = noticeStatus(n, now)
    if (status !== 'open') {
      const why = status === 'upcoming' ? 'has not started yet' : 'is over'
      throw new ParticipationError(403, 'notice_not_open', `The notice period ${why}: comments are taken only while it runs.`)
    }
    const comment = text(await input(), 'text', NOTICE_COMMENT_MAX, true, true)
    if (!this.notices.addComment(n.id, newId(), comment, now, NOTICE_COMMENTS_MAX)) {
      throw new ParticipationError(409, 'notice_comments_full', `This notice has ${NOTICE_COMMENTS_MAX} comments, the most it takes; please tell the residents' committee in person.`)
    }
    return publicNotice(this.deps.participation, this.deps.workflow, n, now)
  }
}
