/**
 * The browser's calls to the participation API (docs/api.md, "Participation"; shapes in
 * src/shared/participation.ts). Every call sends this person's own token as Bearer; every mutating
 * call answers the caller's new ParticipationState (apply it with the participation store).
 */
import { requestJson, type RequestOptions } from '../net/api'
import { facilitationPath, participationPath } from '../projects'
import type { Guard } from '../shared/guards'
import type { HideRequest, RestoreRequest } from '../shared/moderation'
import {
  isBallotResponse,
  isFacilitationState,
  isParticipationResponse,
  isParticipationState,
  type AnswerRevisionRequest,
  type ApproveRequest,
  type BallotRequest,
  type ConfirmAgreementRequest,
  type CreateNeedRequest,
  type CreateOptionRequest,
  type CreateRevisionRequest,
  type CreateThreadRequest,
  type FocusRequest,
  type GatherRequest,
  type LeadRequest,
  type MergeNeedsRequest,
  type OpenVoteRequest,
  type ParticipationResponse,
  type ReopenRequest,
  type ReplyRequest,
  type SetCategoriesRequest,
  type SetQuorumRequest,
  type StartPrivateRequest,
  type StartTimerRequest,
  type UpdateNeedRequest,
  type UpdateOptionRequest,
} from '../shared/participation'
import type { TaskAcceptanceForRequest, TaskAcceptanceRequest, TaskPhotoRequest, TaskRequest, TaskStatusRequest } from '../shared/tasks'

/** Who is calling: the project and this person's token. */
export interface Caller {
  projectId: string
  token: string
}

const path = (c: Caller, rest = '') => `/api/projects/${encodeURIComponent(c.projectId)}${rest}`
const seg = encodeURIComponent

function call<T>(c: Caller, method: string, rest: string, body: unknown, isAnswer: Guard<T>, opts: RequestOptions): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${c.token}` }
  const init: RequestInit = { method, headers }
  if (body !== undefined) {
    headers['content-type'] = 'application/json'
    init.body = JSON.stringify(body)
  }
  return requestJson(path(c, rest), init, isAnswer, opts)
}

type R = Promise<ParticipationResponse>

/** A mutating call: every one answers the caller's new ParticipationState. */
const change = (c: Caller, method: string, rest: string, body: unknown, opts: RequestOptions): R =>
  call(c, method, rest, body, isParticipationResponse, opts)

/** The two reads a project board makes on opening (src/app/boot.ts starts them before the board's code has come). */
export const participationPaths = (c: Caller) => ({ participation: participationPath(c.projectId), facilitation: facilitationPath(c.projectId) })

export const getParticipation = (c: Caller, o: RequestOptions) => call(c, 'GET', '/participation', undefined, isParticipationState, o)
export const getFacilitation = (c: Caller, o: RequestOptions) => call(c, 'GET', '/facilitation', undefined, isFacilitationState, o)

// needs
export const createNeed = (c: Caller, b: CreateNeedRequest, o: RequestOptions): R => change(c, 'POST', '/needs', b, o)
export const updateNeed = (c: Caller, needId: string, b: UpdateNeedRequest, o: RequestOptions): R => change(c, 'PATCH', `/needs/${seg(needId)}`, b, o)
export const deleteNeed = (c: Caller, needId: string, o: RequestOptions): R => change(c, 'DELETE', `/needs/${seg(needId)}`, undefined, o)
export const tickNeed = (c: Caller, needId: string, o: RequestOptions): R => change(c, 'POST', `/needs/${seg(needId)}/tick`, undefined, o)
export const untickNeed = (c: Caller, needId: string, o: RequestOptions): R => change(c, 'DELETE', `/needs/${seg(needId)}/tick`, undefined, o)
/** Merge `b.needIds` INTO `intoNeedId`. */
export const mergeNeeds = (c: Caller, intoNeedId: string, b: MergeNeedsRequest, o: RequestOptions): R => change(c, 'POST', `/needs/${seg(intoNeedId)}/merge`, b, o)
export const addressNeed = (c: Caller, needId: string, optionId: string, o: RequestOptions): R => change(c, 'POST', `/needs/${seg(needId)}/addressed-by`, { optionId }, o)
export const unaddressNeed = (c: Caller, needId: string, optionId: string, o: RequestOptions): R => change(c, 'DELETE', `/needs/${seg(needId)}/addressed-by/${seg(optionId)}`, undefined, o)
export const setCategories = (c: Caller, b: SetCategoriesRequest, o: RequestOptions): R => change(c, 'PUT', '/categories', b, o)

// design options and revision requests
export const createOption = (c: Caller, b: CreateOptionRequest, o: RequestOptions): R => change(c, 'POST', '/options', b, o)
export const updateOption = (c: Caller, optionId: string, b: UpdateOptionRequest, o: RequestOptions): R => change(c, 'PATCH', `/options/${seg(optionId)}`, b, o)
export const raiseRevision = (c: Caller, optionId: string, b: CreateRevisionRequest, o: RequestOptions): R => change(c, 'POST', `/options/${seg(optionId)}/revisions`, b, o)
export const answerRevision = (c: Caller, revisionId: string, b: AnswerRevisionRequest, o: RequestOptions): R => change(c, 'POST', `/revisions/${seg(revisionId)}/answers`, b, o)
export const setRevisionDone = (c: Caller, revisionId: string, done: boolean, o: RequestOptions): R => change(c, 'PUT', `/revisions/${seg(revisionId)}/done`, { done }, o)

// comments
export const startThread = (c: Caller, b: CreateThreadRequest, o: RequestOptions): R => change(c, 'POST', '/comments', b, o)
export const replyThread = (c: Caller, threadId: string, b: ReplyRequest, o: RequestOptions): R => change(c, 'POST', `/comments/${seg(threadId)}/replies`, b, o)
export const resolveThread = (c: Caller, threadId: string, resolved: boolean, o: RequestOptions): R => change(c, 'PUT', `/comments/${seg(threadId)}/resolved`, { resolved }, o)

// votes
export const openVote = (c: Caller, b: OpenVoteRequest, o: RequestOptions): R => change(c, 'POST', '/votes', b, o)
export const closeVote = (c: Caller, voteId: string, o: RequestOptions): R => change(c, 'POST', `/votes/${seg(voteId)}/close`, undefined, o)
export const castBallot = (c: Caller, voteId: string, b: BallotRequest, o: RequestOptions) => call(c, 'POST', `/votes/${seg(voteId)}/ballot`, b, isBallotResponse, o)

// approval and agreement
export const approveOption = (c: Caller, b: ApproveRequest, o: RequestOptions): R => change(c, 'POST', '/approvals', b, o)
export const withdrawApproval = (c: Caller, o: RequestOptions): R => change(c, 'DELETE', '/approvals/mine', undefined, o)
export const setQuorum = (c: Caller, b: SetQuorumRequest, o: RequestOptions): R => change(c, 'PUT', '/quorum', b, o)
export const confirmAgreement = (c: Caller, b: ConfirmAgreementRequest, o: RequestOptions): R => change(c, 'POST', '/agreement', b, o)
export const reopenAgreement = (c: Caller, b: ReopenRequest, o: RequestOptions): R => change(c, 'POST', '/agreement/reopen', b, o)

// moderation (organizer, committee)
export const hideItem = (c: Caller, b: HideRequest, o: RequestOptions): R => change(c, 'POST', '/moderation/hide', b, o)
export const restoreItem = (c: Caller, b: RestoreRequest, o: RequestOptions): R => change(c, 'POST', '/moderation/restore', b, o)
// private mode (各自先想)
// The task list of 实施落实 (docs/api.md, "Tasks")
export const createTask = (c: Caller, b: TaskRequest, o: RequestOptions): R => change(c, 'POST', '/tasks', b, o)
export const updateTask = (c: Caller, taskId: string, b: Partial<TaskRequest>, o: RequestOptions): R => change(c, 'PATCH', `/tasks/${seg(taskId)}`, b, o)
export const deleteTask = (c: Caller, taskId: string, o: RequestOptions): R => change(c, 'DELETE', `/tasks/${seg(taskId)}`, undefined, o)
export const setTaskStatus = (c: Caller, taskId: string, b: TaskStatusRequest, o: RequestOptions): R => change(c, 'POST', `/tasks/${seg(taskId)}/status`, b, o)
export const addTaskPhoto = (c: Caller, taskId: string, b: TaskPhotoRequest, o: RequestOptions): R => change(c, 'POST', `/tasks/${seg(taskId)}/photos`, b, o)
export const answerTask = (c: Caller, taskId: string, b: TaskAcceptanceRequest, o: RequestOptions): R => change(c, 'PUT', `/tasks/${seg(taskId)}/acceptance`, b, o)
export const answerTaskFor = (c: Caller, taskId: string, b: TaskAcceptanceForRequest, o: RequestOptions): R => change(c, 'PUT', `/proxy/tasks/${seg(taskId)}/acceptance`, b, o)

export const startPrivate = (c: Caller, b: StartPrivateRequest, o: RequestOptions): R => change(c, 'POST', '/private', b, o)
export const revealPrivate = (c: Caller, o: RequestOptions): R => change(c, 'POST', '/private/reveal', undefined, o)

// facilitation
export const gatherEveryone = (c: Caller, b: GatherRequest, o: RequestOptions) => call(c, 'POST', '/facilitation/gather', b, isFacilitationState, o)
export const startTimer = (c: Caller, b: StartTimerRequest, o: RequestOptions) => call(c, 'PUT', '/facilitation/timer', b, isFacilitationState, o)
export const stopTimer = (c: Caller, o: RequestOptions) => call(c, 'DELETE', '/facilitation/timer', undefined, isFacilitationState, o)
export const setFocus = (c: Caller, b: FocusRequest, o: RequestOptions) => call(c, 'PUT', '/facilitation/focus', b, isFacilitationState, o)
export const clearFocus = (c: Caller, o: RequestOptions) => call(c, 'DELETE', '/facilitation/focus', undefined, isFacilitationState, o)

// the presenter's lead and the speaking queue
export const putLead = (c: Caller, b: LeadRequest, o: RequestOptions) => call(c, 'PUT', '/facilitation/lead', b, isFacilitationState, o)
export const releaseLead = (c: Caller, o: RequestOptions) => call(c, 'DELETE', '/facilitation/lead', undefined, isFacilitationState, o)
export const raiseHand = (c: Caller, o: RequestOptions) => call(c, 'PUT', '/facilitation/hands/mine', undefined, isFacilitationState, o)
export const lowerHand = (c: Caller, o: RequestOptions) => call(c, 'DELETE', '/facilitation/hands/mine', undefined, isFacilitationState, o)
export const callNextSpeaker = (c: Caller, o: RequestOptions) => call(c, 'POST', '/facilitation/hands/next', undefined, isFacilitationState, o)
export const openHands = (c: Caller, o: RequestOptions) => call(c, 'PUT', '/facilitation/hands', undefined, isFacilitationState, o)
export const clearHands = (c: Caller, o: RequestOptions) => call(c, 'DELETE', '/facilitation/hands', undefined, isFacilitationState, o)
/**
 * The projector's page is going away (closed, reloaded) while it shows something: clear the focus
 * with a request that outlives the page (keepalive), so followers are not left following a
 * projector that is gone. Best effort: nobody is there to read an answer.
 */
export function clearFocusOnLeave(c: Caller): void {
  void fetch(path(c, '/facilitation/focus'), { method: 'DELETE', keepalive: true, headers: { authorization: `Bearer ${c.token}` } }).catch(() => {})
}
