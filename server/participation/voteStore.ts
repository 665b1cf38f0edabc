/**
 * Votes on the design options and their ballots. One ballot per participant per vote (the primary
 * key decides, so two taps at once count once). Security: for an anonymous vote the ballot row keeps
 * only that the participant voted; the points go straight into the per-option running sums of
 * `vote_tallies`, so not even the database links a voter to a choice.
 */
import type { SqlDb } from '../storage/sql/SqlDb.js'
import { arrayOf, isNumber, isString, literal, recordOf } from '../../src/shared/guards.js'
import { RESULTS_VISIBILITIES, VOTE_MODES, type Actor, type ResultsVisibility, type VoteMode } from '../../src/shared/participation.js'
import { isRole, type Role } from '../../src/shared/workflow.js'
import { storedJson, storedValue } from '../storage/storedValue.js'
import { actor, actorValues, maybeActor } from './actorColumns.js'

export interface VoteRecord {
  id: string
  projectId: string
  optionIds: string[]
  mode: VoteMode
  dotsPerPerson: number
  anonymous: boolean
  resultsVisibility: ResultsVisibility
  openedBy: Actor
  openedAt: number
  closedBy: Actor | null
  closedAt: number | null
}

export interface BallotRecord {
  voteId: string
  participantId: string
  name: string
  role: Role
  at: number
  /** null for an anonymous vote. */
  points: Record<string, number> | null
}

interface VoteRow {
  id: string; project_id: string; option_ids: string; mode: string; dots_per_person: number; anonymous: number
  results_visibility: string; opened_by_id: string | null; opened_by_name: string; opened_by_role: string; opened_at: number
  closed_by_id: string | null; closed_by_name: string | null; closed_by_role: string | null; closed_at: number | null
}

const COLS = 'id, project_id, option_ids, mode, dots_per_person, anonymous, results_visibility, opened_by_id, opened_by_name, ' +
  'opened_by_role, opened_at, closed_by_id, closed_by_name, closed_by_role, closed_at'

const isVoteMode = literal(VOTE_MODES)
const isResultsVisibility = literal(RESULTS_VISIBILITIES)

function toVote(r: VoteRow): VoteRecord {
  return {
    id: r.id, projectId: r.project_id, optionIds: storedJson(arrayOf(isString), r.option_ids, 'votes.option_ids'), mode: storedValue(isVoteMode, r.mode, 'votes.mode'),
    dotsPerPerson: r.dots_per_person, anonymous: r.anonymous === 1, resultsVisibility: storedValue(isResultsVisibility, r.results_visibility, 'votes.results_visibility'),
    openedBy: actor(r.opened_by_id, r.opened_by_name, r.opened_by_role), openedAt: r.opened_at,
    closedBy: maybeActor(r.closed_by_id, r.closed_by_name, r.closed_by_role), closedAt: r.closed_at,
  }
}

export type CastResult = 'cast' | 'already_voted' | 'closed'

export class VoteStore {
  private readonly stmt

  constructor(private readonly db: SqlDb) {
    this.stmt = {
      insert: db.prepare(`INSERT INTO votes (${COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL)`),
      get: db.prepare<[string, string], VoteRow>(`SELECT ${COLS} FROM votes WHERE id = ? AND project_id = ?`),
      list: db.prepare<[string], VoteRow>(`SELECT ${COLS} FROM votes WHERE project_id = ? ORDER BY opened_at, rowid`),
      openOne: db.prepare<[string], { id: string }>('SELECT id FROM votes WHERE project_id = ? AND closed_at IS NULL LIMIT 1'),
      close: db.prepare('UPDATE votes SET closed_at = ?, closed_by_id = ?, closed_by_name = ?, closed_by_role = ? WHERE id = ? AND closed_at IS NULL'),
      isOpen: db.prepare<[string], { open: number }>('SELECT closed_at IS NULL AS open FROM votes WHERE id = ?'),
      insertBallot: db.prepare('INSERT INTO ballots (vote_id, participant_id, name, role, at, points) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING'),
      addTally: db.prepare(`INSERT INTO vote_tallies (vote_id, option_id, points) VALUES (?, ?, ?)
        ON CONFLICT (vote_id, option_id) DO UPDATE SET points = vote_tallies.points + excluded.points`),
      ballots: db.prepare<[string], { vote_id: string; participant_id: string; name: string; role: string; at: number; points: string | null }>(
        `SELECT b.vote_id, b.participant_id, b.name, b.role, b.at, b.points FROM ballots b JOIN votes v ON v.id = b.vote_id
         WHERE v.project_id = ? ORDER BY b.at, b.rowid`),
      tallies: db.prepare<[string], { vote_id: string; option_id: string; points: number }>(
        'SELECT t.vote_id, t.option_id, t.points FROM vote_tallies t JOIN votes v ON v.id = t.vote_id WHERE v.project_id = ?'),
    }
  }

  /** Open a vote unless another one of the project is open; false then (checked in the same transaction). */
  insert(v: VoteRecord): boolean {
    return this.db.transaction(() => {
      if (this.stmt.openOne.get(v.projectId)) return false
      this.stmt.insert.run(v.id, v.projectId, JSON.stringify(v.optionIds), v.mode, v.dotsPerPerson, v.anonymous ? 1 : 0,
        v.resultsVisibility, v.openedBy.participantId, v.openedBy.name, v.openedBy.role, v.openedAt)
      return true
    })()
  }

  get(projectId: string, id: string): VoteRecord | undefined {
    const row = this.stmt.get.get(id, projectId)
    return row && toVote(row)
  }

  list(projectId: string): VoteRecord[] {
    return this.stmt.list.all(projectId).map(toVote)
  }

  /** false if it was closed already. */
  close(id: string, by: Actor, at: number): boolean {
    return this.stmt.close.run(at, ...actorValues(by), id).changes === 1
  }

  /** Record one participant's ballot, once, while the vote is open; all in one transaction. */
  cast(vote: VoteRecord, voter: { participantId: string; name: string; role: Role }, points: Record<string, number>, at: number): CastResult {
    return this.db.transaction((): CastResult => {
      // Race: the organizer may have closed the vote since the caller looked.
      if (this.stmt.isOpen.get(vote.id)?.open !== 1) return 'closed'
      const stored = vote.anonymous ? null : JSON.stringify(points)
      if (this.stmt.insertBallot.run(vote.id, voter.participantId, voter.name, voter.role, at, stored).changes !== 1) return 'already_voted'
      for (const [optionId, n] of Object.entries(points)) if (n > 0) this.stmt.addTally.run(vote.id, optionId, n)
      return 'cast'
    })()
  }

  ballots(projectId: string): BallotRecord[] {
    return this.stmt.ballots.all(projectId).map((r) => ({
      voteId: r.vote_id, participantId: r.participant_id, name: r.name, role: storedValue(isRole, r.role, 'ballots.role'), at: r.at,
      points: r.points === null ? null : storedJson(recordOf(isNumber), r.points, 'ballots.points'),
    }))
  }

  /** Points per (vote, option). */
  tallies(projectId: string): { voteId: string; optionId: string; points: number }[] {
    return this.stmt.tallies.all(projectId).map((r) => ({ voteId: r.vote_id, optionId: r.option_id, points: r.points }))
  }
}
