/**
 * Undoing damage (docs/api.md, "History and audit"), all organizer-only:
 * - GET  /api/projects/:id/audit                    who changed the board when, grouped by person
 * - GET  /api/projects/:id/history                  stage-move and periodic snapshots
 * - GET  /api/projects/:id/history/:snapshotId      one snapshot as a binary Yjs update
 * - POST /api/projects/:id/history/:snapshotId/restore   make the board equal that snapshot, as a new change
 */
import type { SqlDb } from '../storage/sql/SqlDb.js'
import type { AuditEntry, AuditLog, AuditPerson, HistoryItem, HistoryList, RestoreResponse } from '../../src/shared/projectApi.js'
import { personLabel } from '../../src/shared/identity.js'
import type { Role } from '../../src/shared/workflow.js'
import type { BoardHistory } from '../storage/BoardHistory.js'
import type { UpdateAuthor } from '../storage/Storage.js'
import { errorMessage } from '../storage/errorDetails.js'
import type { SyncServer } from '../sync/SyncServer.js'
import { replaceBoardContent } from '../workflow/replaceBoardContent.js'
import type { Workflow } from '../workflow/Workflow.js'
import { HttpError } from './HttpError.js'
import { authorizeOrganizer } from './projectRequest.js'
import { sendJson } from './respond.js'
import type { Handler, Route } from './router.js'

export interface HistoryDeps {
  db: SqlDb
  workflow: Workflow
  history: BoardHistory
  sync: Pick<SyncServer, 'serverEdit' | 'boardState'>
}

/** Most recent audit rows answered (each covers a run of one person's edits). */
const AUDIT_ROWS = 500

interface AuditRow {
  kind: 'edit' | 'restore'; link_id: string | null; participant_id: string | null
  first_at: number; last_at: number; updates: number; bytes: number
  role: Role | null; link_label: string | null; link_revoked_at: number | null; name: string | null; seq: number | null
}

/** The participant's label (王芳 ②), so namesakes stay apart in the audit too. */
function labelOf(r: AuditRow): string | null {
  return r.name === null ? null : personLabel({ name: r.name, seq: r.seq ?? 1 })
}

export function historyRoutes(deps: HistoryDeps): Route[] {
  const { db, workflow, history, sync } = deps
  const auditRows = db.prepare<[string, number], AuditRow>(
    `SELECT a.kind, a.link_id, a.participant_id, a.first_at, a.last_at, a.updates, a.bytes,
            l.role, l.label AS link_label, l.revoked_at AS link_revoked_at, p.name, p.seq
       FROM audit a LEFT JOIN links l ON l.id = a.link_id LEFT JOIN participants p ON p.id = a.participant_id
      WHERE a.board_id = ? ORDER BY a.id DESC LIMIT ?`)

  const audit: Handler = ({ req, res, params }) => {
    const { project } = authorizeOrganizer(req, workflow, params.id)
    const rows = auditRows.all(project.id, AUDIT_ROWS)
    const entries: AuditEntry[] = rows.map((r) => ({
      kind: r.kind, linkId: r.link_id, role: r.role, linkLabel: r.link_label, participantId: r.participant_id,
      name: labelOf(r), firstAt: r.first_at, lastAt: r.last_at, updates: r.updates, bytes: r.bytes,
    }))
    const people = new Map<string, AuditPerson>()
    for (const r of rows) {
      const key = `${r.link_id ?? ''}\u0000${r.participant_id ?? ''}`
      const p = people.get(key) ?? {
        linkId: r.link_id, role: r.role, linkLabel: r.link_label, participantId: r.participant_id, name: labelOf(r),
        linkRevoked: r.link_revoked_at !== null, firstAt: r.first_at, lastAt: r.last_at, updates: 0, bytes: 0, restores: 0,
      }
      p.firstAt = Math.min(p.firstAt, r.first_at)
      p.lastAt = Math.max(p.lastAt, r.last_at)
      if (r.kind === 'restore') p.restores++
      else {
        p.updates += r.updates
        p.bytes += r.bytes
      }
      people.set(key, p)
    }
    const byParticipant = [...people.values()].sort((a, b) => b.lastAt - a.lastAt)
    const answer: AuditLog = { entries, byParticipant }
    sendJson(res, 200, answer)
  }

  const list: Handler = ({ req, res, params }) => {
    const { project } = authorizeOrganizer(req, workflow, params.id)
    const items: HistoryItem[] = [
      ...workflow.listMoves(project.id).map((m) => ({
        id: m.id, kind: 'stageMove' as const, at: m.at, fromStage: m.fromStage, toStage: m.toStage, byName: m.byName,
      })),
      ...history.snapshots(project.id).map((s) => ({ id: s.id, kind: 'periodic' as const, at: s.at, bytes: s.bytes })),
    ].sort((a, b) => a.at - b.at)
    const answer: HistoryList = { snapshots: items }
    sendJson(res, 200, answer)
  }

  function snapshotOf(projectId: string, id: string): Uint8Array {
    const state = history.snapshot(projectId, id) ?? workflow.getSnapshot(projectId, id)
    if (!state) throw new HttpError(404, 'snapshot_not_found', 'This project has no snapshot with that id; list the history to see them.')
    return state
  }

  const get: Handler = ({ req, res, params }) => {
    const { project } = authorizeOrganizer(req, workflow, params.id)
    const state = snapshotOf(project.id, params.snapshotId)
    res.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(state.byteLength),
      'Cache-Control': 'private, max-age=31536000, immutable',
    })
    res.end(state)
  }

  const restore: Handler = async ({ req, res, params }) => {
    const { project, link, participant } = authorizeOrganizer(req, workflow, params.id)
    const state = snapshotOf(project.id, params.snapshotId)
    // A restore can itself be the mistake: the board as it is now becomes a history entry first,
    // so the restore can be undone by restoring that one.
    const before = await sync.boardState(project.id)
    const at = Date.now()
    history.saveSnapshot(project.id, before, at)
    const author: UpdateAuthor = { kind: 'restore', linkId: link.id, participantId: participant?.id ?? null }
    try {
      await sync.serverEdit(project.id, author, (doc) => replaceBoardContent(doc, state))
    } catch (err) {
      throw new HttpError(503, 'restore_failed', `The board could not be restored just now; nothing was changed. Try again in a moment. (${errorMessage(err)})`)
    }
    const answer: RestoreResponse = { restored: params.snapshotId, at }
    sendJson(res, 200, answer)
  }

  return [
    { pattern: '/api/projects/:id/audit', methods: { GET: audit } },
    { pattern: '/api/projects/:id/history', methods: { GET: list } },
    { pattern: '/api/projects/:id/history/:snapshotId', methods: { GET: get } },
    { pattern: '/api/projects/:id/history/:snapshotId/restore', methods: { POST: restore } },
  ]
}
