/**
 * The workflow's persistent state: projects (one per board, same id), role links (only token
 * hashes) and the record of stage moves with a board snapshot each. SqliteProjectStore is the default.
 */
import type { Role, Stage } from '../../src/shared/workflow.js'

export interface ProjectRecord {
  id: string
  name: string
  site: string
  area: string
  brief: string
  stage: Stage
  createdAt: number
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

export interface ProjectStore {
  createProject(project: ProjectRecord): void
  getProject(id: string): ProjectRecord | undefined
  createLink(link: LinkRecord): void
  getLink(id: string): LinkRecord | undefined
  findLinkByHash(tokenHash: string): LinkRecord | undefined
  listLinks(projectId: string): LinkRecord[]
  revokeLink(id: string, at: number): void
  /** Record the move and set the project's stage in one transaction; false if `from` was not current. */
  moveStage(move: StageMoveRecord, snapshot: Uint8Array): boolean
  listMoves(projectId: string): StageMoveRecord[]
  getSnapshot(projectId: string, moveId: string): Uint8Array | undefined
}
