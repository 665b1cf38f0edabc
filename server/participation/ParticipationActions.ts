/**
 * The participation rules as one service: who may raise, tick, edit, merge a need, comment, vote,
 * approve, run the meeting, hide and restore, in which stage, with what input and within which limits. Every entry
 * point (the HTTP routes in server/http/participation/, and any other) authenticates its caller,
 * makes a Caller of it (callerOf) and calls these; a refusal is a ParticipationError with the
 * status, code and message to answer. Each change bumps the project's revision and tells every
 * event stream (Participation.changed), and answers the caller's new state.
 */
import type { ActionDeps } from './actionDeps.js'
import { AgreementActions } from './agreementActions.js'
import { CategoryActions } from './categoryActions.js'
import { CommentActions } from './commentActions.js'
import { FacilitationActions } from './facilitationActions.js'
import { ModerationActions } from './moderationActions.js'
import { MeetingActions } from './meetingActions.js'
import { NeedActions } from './needActions.js'
import { OptionActions } from './optionActions.js'
import { PrivateActions } from './privateActions.js'
import { ProxyActions } from './proxyActions.js'
import { TaskActions } from './taskActions.js'
import { VoteActions } from './voteActions.js'

export type { ActionDeps, StoredImageCheck } from './actionDeps.js'
export { callerOf, type Caller } from './caller.js'
export type { Body, BodyReader } from './participationInput.js'
export { ParticipationError } from './ParticipationError.js'

export class ParticipationActions {
  readonly categories: CategoryActions
  readonly needs: NeedActions
  readonly options: OptionActions
  readonly comments: CommentActions
  readonly votes: VoteActions
  readonly agreement: AgreementActions
  readonly facilitation: FacilitationActions
  readonly moderation: ModerationActions
  readonly privates: PrivateActions
  readonly proxy: ProxyActions
  readonly meeting: MeetingActions
  readonly tasks: TaskActions

  constructor(deps: ActionDeps) {
    this.categories = new CategoryActions(deps)
    this.needs = new NeedActions(deps)
    this.options = new OptionActions(deps)
    this.comments = new CommentActions(deps)
    this.votes = new VoteActions(deps)
    this.agreement = new AgreementActions(deps)
    this.facilitation = new FacilitationActions(deps)
    this.moderation = new ModerationActions(deps)
    this.privates = new PrivateActions(deps)
    this.proxy = new ProxyActions(deps)
    this.meeting = new MeetingActions(deps)
    this.tasks = new TaskActions(deps)
  }
}
