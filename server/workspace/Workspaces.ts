/**
 * Workspaces (镇/街道工作区) on the server: making one with its two links, telling who holds a link,
 * and the figures of the overview and the weekly check-in. What a link may do is decided in
 * server/http/workspaceRoutes.ts; this class only knows links and rows.
 */
import type { SqlDb } from '../storage/sql/SqlDb.js'
import { OVERDUE_DAYS_DEFAULT, workspacePath, type WorkspaceInfo, type WorkspaceRole } from '../../src/shared/workspaceApi.js'
import { hashToken, looksLikeToken, newToken } from '../workflow/tokens.js'
import { newId } from '../workflow/Workflow.js'
import { WorkspaceOverview } from './overview.js'
import { storedTasks, type TaskSource } from './projectTasks.js'
import { WorkspaceWeekly } from './weekly.js'
import { WorkspaceStore } from './WorkspaceStore.js'

export type WorkspaceAccess =
  | { ok: true; workspace: WorkspaceInfo; role: WorkspaceRole }
  | { ok: false; why: 'no_token' | 'invalid_token' | 'other_workspace' | 'revoked' }

export class Workspaces {
  readonly store: WorkspaceStore
  readonly overview: WorkspaceOverview
  readonly weekly: WorkspaceWeekly

  constructor(db: SqlDb, tasks: TaskSource = storedTasks(db)) {
    this.store = new WorkspaceStore(db)
    this.overview = new WorkspaceOverview(db, tasks)
    this.weekly = new WorkspaceWeekly(db, tasks)
  }

  create(name: string, now = Date.now()): { workspace: WorkspaceInfo; managerToken: string; boardToken: string } {
    const workspace: WorkspaceInfo = { id: newId(), name, overdueDays: OVERDUE_DAYS_DEFAULT, createdAt: now }
    const managerToken = newToken()
    const boardToken = newToken()
    this.store.create(workspace)
    this.store.addLink({ id: newId(), workspaceId: workspace.id, role: 'manager', createdAt: now, revokedAt: null }, hashToken(managerToken))
    this.store.addLink({ id: newId(), workspaceId: workspace.id, role: 'board', createdAt: now, revokedAt: null }, hashToken(boardToken))
    return { workspace, managerToken, boardToken }
  }

  /** A new task force link; every earlier one stops working (a leaked link is withdrawn this way). */
  renewBoardLink(workspaceId: string, now = Date.now()): string {
    const token = newToken()
    this.store.replaceLinks({ id: newId(), workspaceId, role: 'board', createdAt: now, revokedAt: null }, hashToken(token))
    return token
  }

  /**
   * Who holds `token` on workspace `workspaceId`. Security: a token of another workspace (or of a
   * project, or anything else) reads exactly as one of no workspace at all to the caller, who is
   * answered the same whether `workspaceId` exists or not (workspaceRoutes.ts).
   */
  authenticate(workspaceId: string, token: string | undefined): WorkspaceAccess {
    if (!token) return { ok: false, why: 'no_token' }
    const link = looksLikeToken(token) ? this.store.findLink(hashToken(token)) : undefined
    if (!link) return { ok: false, why: 'invalid_token' }
    if (link.workspaceId !== workspaceId) return { ok: false, why: 'other_workspace' }
    if (link.revokedAt !== null) return { ok: false, why: 'revoked' }
    const workspace = this.store.get(workspaceId)
    if (!workspace) return { ok: false, why: 'other_workspace' }
    return { ok: true, workspace, role: link.role }
  }
}

export function workspaceLink(workspaceId: string, token: string): string {
  return workspacePath(workspaceId, token)
}
