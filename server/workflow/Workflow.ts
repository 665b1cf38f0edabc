/**
 * The co-design workflow on the server: projects, role links and stage moves, and the live
 * permission of every sync connection on a project board. Workflow state changes only here, through
 * authenticated calls; clients never write it into the shared board document.
 */
import { randomBytes } from 'node:crypto'
import type { BasePlan, Dashboard, PlanScale, ProjectStreamClosed } from '../../src/shared/projectApi.js'
import type { EditActor } from '../../src/shared/boardRules.js'
import type { ErrorCode } from '../../src/shared/errorCodes.js'
import { can, STAGES, type Action, type Role, type Stage } from '../../src/shared/workflow.js'
import type { ConnectionGrant, PresenceIdentity } from '../sync/authorize.js'
import type { ContributionKind, LinkRecord, ParticipantRecord, ProjectRecord, ProjectStore, StageMoveRecord } from './ProjectStore.js'
import { participantView, projectInfo, stageMove, type SharedProjectState } from './projectViews.js'
import { personLabel } from '../../src/shared/identity.js'
import { Identity } from './Identity.js'
import { hashToken, looksLikeToken, newToken } from './tokens.js'

/** What the workflow needs from the sync layer (SyncServer implements it). */
export interface SyncControl {
  refreshGrants(boardId: string): void
  closeConnections(boardId: string, match: (grant: ConnectionGrant) => boolean, code: number, reason: string): number
  boardState(boardId: string): Promise<Uint8Array>
}

export type Denied = { ok: false; status: 401 | 403 | 404; code: ErrorCode; message: string }
/**
 * Who is asking: the link, and the participant when the token was a personal one (POST
 * …/participants hands it out); null for a bare role-link token.
 */
export type Access = { ok: true; project: ProjectRecord; link: LinkRecord; participant: ParticipantRecord | null }

/**
 * A sync connection opened with a role link or a personal token: may write while the link is valid
 * and the stage allows drawing. Its identity is what the server vouches for in the connection's
 * awareness (server/sync/stampAwareness.ts): always the link's role, and the participant's name when
 * the token was a personal one.
 */
export class LinkGrant implements ConnectionGrant {
  constructor(readonly link: LinkRecord, private readonly workflow: Workflow, readonly participant: ParticipantRecord | null = null) {}
  /** Read per awareness update, so a rename shows on this connection's cursor without reconnecting. */
  get identity(): PresenceIdentity {
    if (!this.participant) return { role: this.link.role }
    return { role: this.link.role, name: this.workflow.currentName(this.participant), participantId: this.participant.id }
  }
  isLive(): boolean {
    return this.workflow.linkIsLive(this.link)
  }
  get auditAs(): { linkId: string; participantId: string | null } {
    return { linkId: this.link.id, participantId: this.participant?.id ?? null }
  }
  canWrite(): boolean {
    return this.workflow.linkIsLive(this.link) && can(this.link.role, this.workflow.stageOf(this.link.projectId), 'draw')
  }
  /** Who makes this connection's edits, for ownership (src/shared/boardRules.ts). */
  get actor(): EditActor {
    return { role: this.link.role, participantId: this.participant?.id ?? null, linkId: this.link.id }
  }
}

export type MoveResult =
  | { ok: true; move: StageMoveRecord }
  | { ok: false; status: 400 | 409; code: ErrorCode; message: string }

/** What changed, for the live event streams (server/http/projectEvents.ts). */
export type WorkflowEvent =
  | { type: 'projectChanged'; projectId: string }
  | { type: 'linkRevoked'; link: LinkRecord }
  /** A participant's label changed: open connections show it from their next presence update (no stream event). */
  | { type: 'participantRenamed'; participant: ParticipantRecord }

export type LinkStatus = 'live' | ProjectStreamClosed['code']

export function newId(): string {
  return randomBytes(16).toString('base64url')
}

export const LINK_CLOSED_MESSAGE: Record<ProjectStreamClosed['code'], string> = {
  link_revoked: 'This link has been withdrawn by the organizer; ask them for a new link.',
  link_expired: 'This link has expired; ask the organizer for a new link.',
}

export class Workflow {
  /** Current stage per project, so canWrite() (asked per incoming edit) never touches the database. */
  private readonly stages = new Map<string, Stage>()
  /** Links revoked while this process runs; the database is the record, this is the fast check. */
  private readonly revoked = new Set<string>()
  /** Names changed while this process runs, by participant id (grants keep their original record). */
  private readonly renamed = new Map<string, string>()
  private sync: SyncControl | undefined
  private readonly listeners = new Set<(event: WorkflowEvent) => void>()

  /** Joining, renaming and personal links: who a participant is, and from which devices (server/workflow/Identity.ts). */
  readonly identity: Identity

  constructor(private readonly store: ProjectStore) {
    this.identity = new Identity(store, this)
  }

  /** Wired after construction because the SyncServer's authorize needs this object first. */
  attachSync(sync: SyncControl): void {
    this.sync = sync
  }

  /** Be told of every change a live view must show; returns the unsubscribe function. */
  subscribe(listener: (event: WorkflowEvent) => void): () => void {
    this.listeners.add(listener)
    return () => { this.listeners.delete(listener) }
  }

  private emit(event: WorkflowEvent): void {
    for (const listener of this.listeners) listener(event)
  }

  stageOf(projectId: string): Stage {
    let stage = this.stages.get(projectId)
    if (!stage) {
      // Fail closed: a project that vanished reads as the last stage, where only organizers draw.
      stage = this.store.getProject(projectId)?.stage ?? STAGES[STAGES.length - 1]
      this.stages.set(projectId, stage)
    }
    return stage
  }

  /** Projects whose stage this instance has cached (every project it has served since it started). */
  cachedProjects(): string[] {
    return [...this.stages.keys()]
  }

  isProject(boardId: string): boolean {
    return this.stages.has(boardId) || this.store.getProject(boardId) !== undefined
  }

  linkIsLive(link: LinkRecord, now = Date.now()): boolean {
    return this.linkStatus(link, now) === 'live'
  }

  /** Revocation wins over expiry: a revoked link reads as revoked even once its expiry has passed. */
  linkStatus(link: LinkRecord, now = Date.now()): LinkStatus {
    if (link.revokedAt !== null || this.revoked.has(link.id)) return 'link_revoked'
    if (link.expiresAt !== null && now >= link.expiresAt) return 'link_expired'
    return 'live'
  }

  createProject(fields: Pick<ProjectRecord, 'id' | 'name' | 'site' | 'area' | 'brief'>, now = Date.now()): { project: ProjectRecord; token: string } {
    const project: ProjectRecord = { ...fields, stage: STAGES[0], createdAt: now, basePlan: null, scale: null }
    this.store.createProject(project)
    this.stages.set(project.id, project.stage)
    const { token } = this.createLink(project.id, 'organizer', { label: '', expiresAt: null }, now)
    return { project, token }
  }

  createLink(projectId: string, role: Role, opts: { label: string; expiresAt: number | null }, now = Date.now()): { link: LinkRecord; token: string } {
    const token = newToken()
    const link: LinkRecord = {
      id: newId(), projectId, role, tokenHash: hashToken(token), label: opts.label,
      createdAt: now, expiresAt: opts.expiresAt, revokedAt: null,
    }
    this.store.createLink(link)
    return { link, token }
  }

  /**
   * Who holds `token` on project `projectId`: a role link's token, or a participant's personal token
   * (which stands for the participant's link). Order of checks: project, token shape/match, revoked,
   * expired.
   */
  authenticate(projectId: string, token: string | undefined): Access | Denied {
    const project = this.store.getProject(projectId)
    if (!project) return { ok: false, status: 404, code: 'project_not_found', message: 'There is no project with this id; check the link.' }
    if (!token) return { ok: false, status: 401, code: 'unauthorized', message: 'This project needs a link token; open the project through the link you were given.' }
    let link: LinkRecord | undefined
    let participant: ParticipantRecord | null = null
    if (looksLikeToken(token)) {
      const hash = hashToken(token)
      link = this.store.findLinkByHash(hash)
      if (!link) {
        participant = this.store.findParticipantByTokenHash(hash) ?? null
        link = participant ? this.store.getLink(participant.linkId) : undefined
      }
    }
    // Security: a token of another project is treated exactly like an unknown one.
    if (!link || link.projectId !== projectId) {
      return { ok: false, status: 401, code: 'invalid_token', message: 'This link is not valid for this project; ask the organizer for a new link.' }
    }
    // Security: a personal token lives exactly as long as its link (revoked or expired with it).
    const status = this.linkStatus(link)
    if (status !== 'live') return { ok: false, status: 403, code: status, message: LINK_CLOSED_MESSAGE[status] }
    return { ok: true, project: { ...project, stage: this.stageOf(projectId) }, link, participant }
  }

  /** Whether the holder of `link` may do `action` in the project's current stage. */
  allows(link: LinkRecord, action: Action): boolean {
    return can(link.role, this.stageOf(link.projectId), action)
  }

  liveLinks(projectId: string, now = Date.now()): LinkRecord[] {
    return this.store.listLinks(projectId).filter((l) => this.linkIsLive(l, now))
  }

  getLink(projectId: string, linkId: string): LinkRecord | undefined {
    const link = this.store.getLink(linkId)
    return link && link.projectId === projectId ? link : undefined
  }

  /** Revoke a link and close its open sync connections (closeCode) at once. */
  revokeLink(link: LinkRecord, closeCode: number, now = Date.now()): void {
    this.store.revokeLink(link.id, now)
    // Why the in-memory set too: grants hold the LinkRecord they were opened with, and any edit that
    // arrives before the close frame is processed must already be refused.
    this.revoked.add(link.id)
    this.closeLinkConnections(link, closeCode)
    this.emit({ type: 'linkRevoked', link })
  }

  private closeLinkConnections(link: LinkRecord, closeCode: number): void {
    this.sync?.closeConnections(link.projectId, (g) => g instanceof LinkGrant && g.link.id === link.id,
      closeCode, 'This link has been withdrawn by the organizer')
  }

  /**
   * Another instance made this change (server/cluster/ProjectBus.ts relays it). This instance then
   * does to its own connections what that one did to its: a stage move re-reads the stage (the
   * cache above would otherwise keep the old one) and re-evaluates every grant; a revoked link is
   * refused from now on and its connections closed with `revokedCloseCode`. Local listeners (the
   * event streams) are told as for a change made here.
   */
  applyElsewhere(event: WorkflowEvent, revokedCloseCode: number): void {
    if (event.type === 'linkRevoked') {
      this.revoked.add(event.link.id)
      this.closeLinkConnections(event.link, revokedCloseCode)
    } else if (event.type === 'participantRenamed') {
      this.renamed.set(event.participant.id, personLabel(event.participant))
    } else {
      this.stages.delete(event.projectId)
      // Security: also after a relay gap (ProjectBus re-announces every project), when the
      // linkRevoked event itself may have been lost: the store says which links are withdrawn.
      for (const link of this.store.listLinks(event.projectId)) {
        if (link.revokedAt === null || this.revoked.has(link.id)) continue
        this.revoked.add(link.id)
        this.closeLinkConnections(link, revokedCloseCode)
      }
      this.sync?.refreshGrants(event.projectId)
    }
    this.emit(event)
  }

  async moveStage(projectId: string, by: LinkRecord, from: Stage, to: Stage, byName: string, now = Date.now()): Promise<MoveResult> {
    const current = this.stageOf(projectId)
    if (from !== current) {
      return { ok: false, status: 409, code: 'stage_conflict', message: `The project is now in stage "${current}", not "${from}"; reload and try again.` }
    }
    if (Math.abs(STAGES.indexOf(to) - STAGES.indexOf(from)) !== 1) {
      return { ok: false, status: 400, code: 'invalid_stage_move', message: 'A project moves one stage at a time, forward or back.' }
    }
    const snapshot = this.sync ? await this.sync.boardState(projectId) : new Uint8Array([0, 0])
    const move: StageMoveRecord = { id: newId(), projectId, fromStage: from, toStage: to, byLinkId: by.id, byName, at: now }
    // Race: another move may have landed while the snapshot was read; the store's compare-and-set decides.
    if (!this.store.moveStage(move, snapshot)) {
      // The store holds another stage than we thought: forget ours, so the next read, and every
      // grant, go by the stored one (with several instances, that move may have been made on another
      // one whose event has not arrived yet, or was lost with a Redis reconnect).
      this.stages.delete(projectId)
      this.sync?.refreshGrants(projectId)
      // …and this instance's open screens, which missed the move too (a repeat elsewhere is harmless).
      this.emit({ type: 'projectChanged', projectId })
      return { ok: false, status: 409, code: 'stage_conflict', message: 'Someone else moved the stage at the same time; reload and try again.' }
    }
    this.stages.set(projectId, to)
    this.sync?.refreshGrants(projectId)
    this.emit({ type: 'projectChanged', projectId })
    return { ok: true, move }
  }

  setBasePlan(projectId: string, plan: BasePlan): void {
    this.store.setBasePlan(projectId, plan)
    this.emit({ type: 'projectChanged', projectId })
  }

  setScale(projectId: string, scale: PlanScale): void {
    this.store.setScale(projectId, scale)
    this.emit({ type: 'projectChanged', projectId })
  }

  /** The project as every link sees it (role and linkId are added per link); undefined if it is gone. */
  sharedState(projectId: string): SharedProjectState | undefined {
    const project = this.store.getProject(projectId)
    if (!project) return undefined
    return { project: projectInfo(project), stage: this.stageOf(projectId), moves: this.listMoves(projectId).map(stageMove) }
  }

  /** A participant's label now (name, and number among namesakes): open connections hold the record they were opened with. */
  currentName(p: ParticipantRecord): string {
    return this.renamed.get(p.id) ?? personLabel(p)
  }

  /** Identity.rename tells this, so open connections show the new label from their next presence update. */
  noteRenamed(p: ParticipantRecord): void {
    this.renamed.set(p.id, personLabel(p))
    this.emit({ type: 'participantRenamed', participant: p })
  }

  getParticipant(projectId: string, participantId: string): ParticipantRecord | undefined {
    const p = this.store.getParticipant(participantId)
    return p && p.projectId === projectId ? p : undefined
  }

  listParticipants(projectId: string): ParticipantRecord[] {
    return this.store.listParticipants(projectId)
  }

  /** Count a need, comment or ballot for the dashboard, under the stage the project is in now. */
  recordContribution(link: LinkRecord, kind: ContributionKind, now = Date.now()): void {
    this.store.recordContribution({ id: newId(), projectId: link.projectId, kind, stage: this.stageOf(link.projectId), linkId: link.id, at: now })
  }

  dashboard(projectId: string): Dashboard {
    const participants = this.store.listParticipants(projectId)
    // Spelled out rather than built from ROLES and STAGES: the compiler then checks every role and stage has its entry.
    const participantsByRole: Record<Role, number> = { organizer: 0, expert: 0, committee: 0, resident: 0 }
    for (const p of participants) participantsByRole[p.role]++
    const counted = this.store.countContributions(projectId)
    const countsAt = (s: Stage) => counted[s] ?? { needs: 0, comments: 0, votes: 0 }
    const countsByStage: Dashboard['countsByStage'] = {
      organize: countsAt('organize'), needs: countsAt('needs'), siteVisit: countsAt('siteVisit'),
      negotiate: countsAt('negotiate'), agreed: countsAt('agreed'), implement: countsAt('implement'),
    }
    return { participants: participants.map(participantView), participantsByRole, countsByStage }
  }

  listMoves(projectId: string): StageMoveRecord[] {
    return this.store.listMoves(projectId)
  }

  getSnapshot(projectId: string, moveId: string): Uint8Array | undefined {
    return this.store.getSnapshot(projectId, moveId)
  }
}
