/**
 * The workflow's persistent state: projects (one per board, same id), role links (only token
 * hashes), the record of stage moves with a board snapshot each, the participants who joined through
 * the links with their personal tokens (hashes only), and the per-stage contribution counts of the dashboard. SqliteProjectStore is the default.
 */
import type { BasePlan, PlanScale, StageCounts } from '../../src/shared/projectApi.js'
import type { ClaimKind } from '../../src/shared/identity.js'
import type { Role, Stage } from '../../src/shared/workflow.js'

export interface ProjectRecord {
  id: string
  name: string
  site: string
  area: string
  brief: string
  stage: Stage
  createdAt: number
  /** null until the organizer sets it. */
  basePlan: BasePlan | null
  scale: PlanScale | null
}

export interface LinkRecord {
  id: string
  projectId: string
  role: Role
  tokenHash: string
  label: string
  createdAt: number
  expiresAt: number | null
  revokedAt: number | null
}

export interface StageMoveRecord {
  id: string
  projectId: string
  fromStage: Stage
  toStage: Stage
  byLinkId: string
  byName: string
  at: number
}

export interface ParticipantRecord {
  id: string
  projectId: string
  linkId: string
  role: Role
  name: string
  unit: string
  /** 1 for the first participant of this name in the project, 2 for the second… (personLabel). */
  seq: number
  joinedAt: number
}

/** A one-time personal link (its code's hash) made for a participant, and by whom. */
export interface ClaimRecord {
  codeHash: string
  projectId: string
  participantId: string
  kind: ClaimKind
  byParticipantId: string | null
  byName: string
  byRole: Role
  byLinkId: string
  createdAt: number
  expiresAt: number
  usedAt: number | null
}

export type ContributionKind = 'need' | 'comment' | 'vote'

export interface ContributionRecord {
  id: string
  projectId: string
  kind: ContributionKind
  /** The stage the project was in when the contribution was made. */
  stage: Stage
  linkId: string
  at: number
}

export interface ProjectStore {
  createProject(project: Omit<ProjectRecord, 'basePlan' | 'scale'>): void
  getProject(id: string): ProjectRecord | undefined
  setBasePlan(projectId: string, plan: BasePlan): void
  setScale(projectId: string, scale: PlanScale): void
  createLink(link: LinkRecord): void
  getLink(id: string): LinkRecord | undefined
  findLinkByHash(tokenHash: string): LinkRecord | undefined
  listLinks(projectId: string): LinkRecord[]
  revokeLink(id: string, at: number): void
  /** Record the move and set the project's stage in one transaction; false if `from` was not current. */
  moveStage(move: StageMoveRecord, snapshot: Uint8Array): boolean
  listMoves(projectId: string): StageMoveRecord[]
  getSnapshot(projectId: string, moveId: string): Uint8Array | undefined
  /**
   * Store `candidate` as a new participant, numbered after the namesakes of its project (seq), unless
   * someone of the project already has this name and unit and `allowNamesake` is false: then
   * 'name_taken' and nothing is stored. Never answers an existing participant. Atomic.
   */
  createParticipant(candidate: Omit<ParticipantRecord, 'seq'>, opts: { allowNamesake: boolean; joinKeyHash: string | null }): ParticipantRecord | 'name_taken'
  /** The participant a join with this key made on this link at or after `since`, if any. */
  findParticipantByJoinKey(linkId: string, joinKeyHash: string, since: number): ParticipantRecord | undefined
  getParticipant(id: string): ParticipantRecord | undefined
  /**
   * Change the name and unit; 'name_taken' when another participant of the project already has this
   * name and unit. A new name gets the next number among its namesakes. Atomic.
   */
  renameParticipant(id: string, name: string, unit: string): ParticipantRecord | 'name_taken' | undefined
  /** Store a one-time personal link; earlier unused ones of the same participant stop working (expire now). */
  addClaim(claim: ClaimRecord): void
  findClaim(codeHash: string): ClaimRecord | undefined
  /** Mark a personal link used, once: false when it was used (or had expired) already — compare-and-set. */
  redeemClaim(codeHash: string, now: number): boolean
  /** Every personal link of the project, newest first. */
  listClaims(projectId: string): ClaimRecord[]
  /** Store the hash of a personal token (POST …/participants answers the token itself, once). */
  addParticipantToken(participantId: string, tokenHash: string, at: number): void
  findParticipantByTokenHash(tokenHash: string): ParticipantRecord | undefined
  listParticipants(projectId: string): ParticipantRecord[]
  /**
   * The participation routes (server/http/participation/) record every need, comment and ballot
   * through Workflow.recordContribution; the dashboard reads countContributions.
   */
  recordContribution(contribution: ContributionRecord): void
  /** Counts per stage for every stage the project has contributions in (absent stages: none). */
  countContributions(projectId: string): Partial<Record<Stage, StageCounts>>
}
