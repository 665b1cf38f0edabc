/**
 * Private periods (各自先想): when the organizer started one, what it hides and from whom, and when
 * it was revealed. The running period of a project is its row with revealed_at NULL.
 */
import type { SqlDb } from '../storage/sql/SqlDb.js'
import { literal } from '../../src/shared/guards.js'
import { LEADERS_SEE, PRIVATE_SCOPES, type LeadersSee, type PrivateScope } from '../../src/shared/participation.js'
import type { Role } from '../../src/shared/workflow.js'
import { storedValue } from '../storage/storedValue.js'

export interface PrivatePeriodRecord {
  id: string
  scope: PrivateScope
  leadersSee: LeadersSee
  startedAt: number
  startedBy: string
}

/**
 * Security: the one rule of who sees a period's items of others: nobody while it runs, but the
 * organizer and committee when the organizer chose `content`. No role (an export with no link, a
 * read-back) counts as nobody in particular.
 */
export function seesEverything(period: PrivatePeriodRecord | null, role: Role | null): boolean {
  return period === null || (period.leadersSee === 'content' && (role === 'organizer' || role === 'committee'))
}

/** Whether an item of `kind` made at `at` is one the running `period` is about (added since it started). */
export function inPeriod(period: PrivatePeriodRecord | null, kind: PrivateScope, at: number): boolean {
  return period !== null && period.scope === kind && at >= period.startedAt
}

/**
 * Security: whether a viewer (participant `me`, link `role`) is kept from need `need` by the running
 * period: someone else's new need, unless the viewer sees everything. The view (participationView.ts)
 * and every action on a need by its id (privateActions.ts) ask this, so an id someone learnt cannot
 * do what the view would not show.
 */
export function hidesNeed(period: PrivatePeriodRecord | null, role: Role | null, me: string | null,
  need: { createdAt: number; author: { participantId: string | null } }): boolean {
  return !seesEverything(period, role) && inPeriod(period, 'needs', need.createdAt) && !(me !== null && need.author.participantId === me)
}

/**
 * Security: the same for a revision request on a design option (during a comments period): what
 * someone thinks of an option, like a comment on it, so withheld the same way.
 */
export function hidesRevision(period: PrivatePeriodRecord | null, role: Role | null, me: string | null,
  revision: { createdAt: number; author: { participantId: string | null } }): boolean {
  return !seesEverything(period, role) && inPeriod(period, 'comments', revision.createdAt) && !(me !== null && revision.author.participantId === me)
}

interface PeriodRow { id: string; scope: string; leaders_see: string; started_at: number; started_by_name: string }

const isScope = literal(PRIVATE_SCOPES)
const isLeadersSee = literal(LEADERS_SEE)

export class PrivateStore {
  private readonly stmt

  constructor(db: SqlDb) {
    this.stmt = {
      running: db.prepare<[string], PeriodRow>(
        'SELECT id, scope, leaders_see, started_at, started_by_name FROM private_periods WHERE project_id = ? AND revealed_at IS NULL ORDER BY started_at DESC, rowid DESC LIMIT 1'),
      insert: db.prepare('INSERT INTO private_periods (id, project_id, scope, leaders_see, started_at, started_by_name) VALUES (?, ?, ?, ?, ?, ?)'),
      reveal: db.prepare('UPDATE private_periods SET revealed_at = ?, revealed_by_name = ? WHERE project_id = ? AND revealed_at IS NULL'),
    }
  }

  /** The project's running period, or null. */
  running(projectId: string): PrivatePeriodRecord | null {
    const r = this.stmt.running.get(projectId)
    if (!r) return null
    return {
      id: r.id, scope: storedValue(isScope, r.scope, 'private_periods.scope'),
      leadersSee: storedValue(isLeadersSee, r.leaders_see, 'private_periods.leaders_see'),
      startedAt: r.started_at, startedBy: r.started_by_name,
    }
  }

  start(projectId: string, p: PrivatePeriodRecord): void {
    this.stmt.insert.run(p.id, projectId, p.scope, p.leadersSee, p.startedAt, p.startedBy)
  }

  /** Ends the running period; false if none was running. */
  reveal(projectId: string, at: number, byName: string): boolean {
    return this.stmt.reveal.run(at, byName, projectId).changes > 0
  }
}
