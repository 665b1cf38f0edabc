/**
 * The browser's calls to the workflow API (docs/api.md, "Projects"; shapes in src/shared/projectApi.ts).
 * Every call that needs a token (the person's own, or a role link's before joining) sends it as
 * `Authorization: Bearer …`; failures are `ApiRequestError`s with a sentence a person can read
 * (src/net/api.ts).
 */
import { badResponse, requestJson, requestOk, uploadAsset, type RequestOptions } from '../net/api'
import type { UploadedAsset } from '../shared/api'
import type { Guard } from '../shared/guards'
import {
  isAuditLog,
  isCreateLinkResponse,
  isCreateProjectResponse,
  isDashboard,
  isHistoryList,
  isJoinResponse,
  isLinkList,
  isMoveStageResponse,
  isProjectState,
  isRenamed,
  isRestoreResponse,
  isRevokedLink,
  type AuditLog,
  type BasePlan,
  type CreateLinkRequest,
  type CreateLinkResponse,
  type CreateProjectRequest,
  type CreateProjectResponse,
  type Dashboard,
  type HistoryItem,
  type JoinRequest,
  type JoinResponse,
  type MoveStageRequest,
  type MoveStageResponse,
  type Participant,
  type PlanScale,
  type ProjectState,
  type PublicLink,
  type RestoreResponse,
} from '../shared/projectApi'
import { isClaimLinkResponse, isPeopleList, type ClaimLinkResponse, type PeopleList } from '../shared/identity'
import { isAccessToken } from './projectAccess'
import { projectStatePath } from './projectPaths'

// One definition of the address (src/app/boot.ts prefetches the state from it).
const base = projectStatePath

function auth(token: string, json = false): Record<string, string> {
  return { authorization: `Bearer ${token}`, ...(json && { 'content-type': 'application/json' }) }
}

function send<T>(path: string, method: string, token: string | null, body: unknown, isAnswer: Guard<T>, opts: RequestOptions): Promise<T> {
  const headers = token ? auth(token, true) : { 'content-type': 'application/json' }
  return requestJson(path, { method, headers, body: JSON.stringify(body) }, isAnswer, opts)
}

export function createProject(body: CreateProjectRequest, opts: RequestOptions): Promise<CreateProjectResponse> {
  return send('/api/projects', 'POST', null, body, isCreateProjectResponse, opts)
}

export function getProjectState(projectId: string, token: string, opts: RequestOptions): Promise<ProjectState> {
  return requestJson(base(projectId), { method: 'GET', headers: auth(token) }, isProjectState, opts)
}

/**
 * Join as a person (`token`: a role link's, or a personal token standing for its link). The answer's
 * personal token is what the caller keeps, so an answer without a usable one is a failure here,
 * not a broken entry on the device later.
 */
export async function joinProject(projectId: string, token: string, body: JoinRequest, opts: RequestOptions): Promise<JoinResponse> {
  const answer = await send(`${base(projectId)}/participants`, 'POST', token, body, isJoinResponse, opts)
  if (!isAccessToken(answer.token)) throw badResponse(opts)
  return answer
}

/**
 * Open a one-time personal link on this device: the answer holds this person's own personal token
 * (checked like a join's answer, since the caller keeps it).
 */
export async function claimPersonalLink(projectId: string, code: string, opts: RequestOptions): Promise<JoinResponse> {
  const answer = await send(`${base(projectId)}/participants/claim`, 'POST', null, { code }, isJoinResponse, opts)
  if (!isAccessToken(answer.token)) throw badResponse(opts)
  return answer
}

/** "Add my other device": a one-time personal link for me (`token` must be my personal token). */
export function makeDeviceLink(projectId: string, token: string, opts: RequestOptions): Promise<ClaimLinkResponse> {
  return send(`${base(projectId)}/participants/me/device-link`, 'POST', token, {}, isClaimLinkResponse, opts)
}

/** Organizer or committee: I confirmed this person face to face; a one-time personal link for them. */
export function confirmPerson(projectId: string, token: string, participantId: string, opts: RequestOptions): Promise<ClaimLinkResponse> {
  return send(`${base(projectId)}/participants/${encodeURIComponent(participantId)}/confirm`, 'POST', token, {}, isClaimLinkResponse, opts)
}

/** Organizer or committee: everyone who joined (and, for the organizer, the record of personal links). */
export function getPeople(projectId: string, token: string, opts: RequestOptions): Promise<PeopleList> {
  return requestJson(`${base(projectId)}/people`, { method: 'GET', headers: auth(token) }, isPeopleList, opts)
}

/** Change the name (and a resident's unit) others see for me; `token` must be my personal token. */
export function renameParticipant(
  projectId: string,
  token: string,
  body: JoinRequest,
  opts: RequestOptions,
): Promise<{ participant: Participant }> {
  return send(`${base(projectId)}/participants/me`, 'PATCH', token, body, isRenamed, opts)
}

export function createLink(projectId: string, token: string, body: CreateLinkRequest, opts: RequestOptions): Promise<CreateLinkResponse> {
  return send(`${base(projectId)}/links`, 'POST', token, body, isCreateLinkResponse, opts)
}

export async function listLinks(projectId: string, token: string, opts: RequestOptions): Promise<PublicLink[]> {
  const { links } = await requestJson(`${base(projectId)}/links`, { method: 'GET', headers: auth(token) }, isLinkList, opts)
  return links
}

export function revokeLink(projectId: string, token: string, linkId: string, opts: RequestOptions): Promise<{ linkId: string; revoked: true }> {
  return requestJson(`${base(projectId)}/links/${encodeURIComponent(linkId)}`, { method: 'DELETE', headers: auth(token) }, isRevokedLink, opts)
}

export function moveStage(projectId: string, token: string, body: MoveStageRequest, opts: RequestOptions): Promise<MoveStageResponse> {
  return send(`${base(projectId)}/stage`, 'POST', token, body, isMoveStageResponse, opts)
}

/** Answers the project's state with the plan in it (the event stream brings it to everyone too). */
export function setBasePlan(projectId: string, token: string, plan: BasePlan, opts: RequestOptions): Promise<ProjectState> {
  return send(`${base(projectId)}/base-plan`, 'PUT', token, plan, isProjectState, opts)
}

/** Answers the project's state with the scale in it. */
export function setScale(projectId: string, token: string, scale: PlanScale, opts: RequestOptions): Promise<ProjectState> {
  return send(`${base(projectId)}/scale`, 'PUT', token, scale, isProjectState, opts)
}

export function getDashboard(projectId: string, token: string, opts: RequestOptions): Promise<Dashboard> {
  return requestJson(`${base(projectId)}/dashboard`, { method: 'GET', headers: auth(token) }, isDashboard, opts)
}

/** The board as it stood when the stage move `moveId` was made: a Yjs update (apply to a fresh Y.Doc). */
export function getMoveSnapshot(projectId: string, token: string, moveId: string, opts: RequestOptions): Promise<Uint8Array> {
  return fetchUpdate(`${base(projectId)}/moves/${encodeURIComponent(moveId)}/snapshot`, token, opts)
}

/** Organizer: who changed the board when, per entry and per person (docs/api.md, "History and audit"). */
export function getAudit(projectId: string, token: string, opts: RequestOptions): Promise<AuditLog> {
  return requestJson(`${base(projectId)}/audit`, { method: 'GET', headers: auth(token) }, isAuditLog, opts)
}

/** Organizer: every saved copy of the board (stage moves and the server's own), oldest first. */
export async function listHistory(projectId: string, token: string, opts: RequestOptions): Promise<HistoryItem[]> {
  const { snapshots } = await requestJson(`${base(projectId)}/history`, { method: 'GET', headers: auth(token) }, isHistoryList, opts)
  return snapshots
}

/** Organizer: one saved copy as a Yjs update (apply to a fresh Y.Doc). */
export function getHistorySnapshot(projectId: string, token: string, snapshotId: string, opts: RequestOptions): Promise<Uint8Array> {
  return fetchUpdate(`${base(projectId)}/history/${encodeURIComponent(snapshotId)}`, token, opts)
}

/** Organizer: make the live board equal that copy, as a new change everyone receives. */
export function restoreHistory(projectId: string, token: string, snapshotId: string, opts: RequestOptions): Promise<RestoreResponse> {
  return send(`${base(projectId)}/history/${encodeURIComponent(snapshotId)}/restore`, 'POST', token, {}, isRestoreResponse, opts)
}

async function fetchUpdate(path: string, token: string, opts: RequestOptions): Promise<Uint8Array> {
  const res = await requestOk(path, { headers: auth(token) }, opts)
  return new Uint8Array(await res.arrayBuffer())
}

/** Upload an image to a project board (the server checks the link may draw now, or is the organizer). */
export function uploadProjectAsset(projectId: string, token: string, file: Blob, opts: RequestOptions): Promise<UploadedAsset> {
  return uploadAsset(projectId, file, opts, token)
}

/** The live event stream's URL (EventSource cannot send headers, so the token rides in the query). */
export function projectEventsUrl(projectId: string, token: string): string {
  return `${base(projectId)}/events?token=${encodeURIComponent(token)}`
}

/**
 * The absolute join URL for a link path like '/join/<id>#<token>', on `shareOrigin` when the server
 * names one (ClientConfig.shareOrigin: PUBLIC_URL, or the LAN address instead of localhost).
 */
export function absoluteLink(linkPath: string, shareOrigin: string | null = null): string {
  return new URL(linkPath, shareOrigin ?? window.location.origin).toString()
}
