/**
 * What the committee entered for residents (代录) and the paper ballots of votes. The need, tick or
 * ballot itself is the ordinary row, keyed by the resident's participant id — so the primary keys of
 * need_ticks and ballots count her once, whether she acted on her phone or the committee did for her;
 * a proxy_entries row says who entered it. Paper batches are kept apart from vote_tallies and added
 * when read, so a batch can be corrected or removed and leave a record.
 */
import type { SqlDb } from '../storage/sql/SqlDb.js'
import { isNumber, literal, recordOf } from '../../src/shared/guards.js'
import { PROXY_KINDS, type PaperBatch, type ProxyEntry, type VoteClash } from '../../src/shared/proxyEntry.js'
import type { Actor } from '../../src/shared/participation.js'
import { isRole, type Role } from '../../src/shared/workflow.js'
import { storedJson, storedValue } from '../storage/storedValue.js'

interface EntryRow {
  id: string; kind: string; target_id: string; for_id: string; for_name: string; by_name: string; by_role: string; at: number
  removed_at: number | null; removed_by_name: string | null
}
interface PaperRow {
  id: string; vote_id: string; counts: string; source: string; by_name: string; at: number
  removed_at: number | null; removed_by_name: string | null; replaced_by: string | null
}
interface ClashRow {
  id: string; vote_id: string; participant_id: string; name: string; at: number
  resolved_at: number | null; resolved_by_name: string | null; kept: string | null
}

const isKind = literal(PROXY_KINDS)
const isKept = literal(['committee', 'own'] as const)

export type ProxyBallotResult = 'cast' | 'closed' | 'voted_self' | 'entered_already'
export type ResolveResult = 'ok' | 'resolved' | 'closed' | 'anonymous'

export class ProxyStore {
  private readonly stmt

  constructor(private readonly db: SqlDb) {
    this.stmt = {
      insertEntry: db.prepare(`INSERT INTO proxy_entries (id, project_id, kind, target_id, for_id, for_name, by_id, by_name, by_role, at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      entries: db.prepare<[string], EntryRow>(`SELECT id, kind, target_id, for_id, for_name, by_name, by_role, at, removed_at, removed_by_name
        FROM proxy_entries WHERE project_id = ? ORDER BY at, rowid`),
      liveEntry: db.prepare<[string, string, string, string], { id: string }>(
        'SELECT id FROM proxy_entries WHERE project_id = ? AND kind = ? AND target_id = ? AND for_id = ? AND removed_at IS NULL'),
      removeEntry: db.prepare('UPDATE proxy_entries SET removed_at = ?, removed_by_name = ? WHERE id = ? AND removed_at IS NULL'),
      addTick: db.prepare('INSERT INTO need_ticks (need_id, participant_id, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
      removeTick: db.prepare('DELETE FROM need_ticks WHERE need_id = ? AND participant_id = ?'),
      isOpen: db.prepare<[string], { open: number }>('SELECT closed_at IS NULL AS open FROM votes WHERE id = ?'),
      ballot: db.prepare<[string, string], { points: string | null }>('SELECT points FROM ballots WHERE vote_id = ? AND participant_id = ?'),
      insertBallot: db.prepare('INSERT INTO ballots (vote_id, participant_id, name, role, at, points) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING'),
      deleteBallot: db.prepare('DELETE FROM ballots WHERE vote_id = ? AND participant_id = ?'),
      addTally: db.prepare(`INSERT INTO vote_tallies (vote_id, option_id, points) VALUES (?, ?, ?)
        ON CONFLICT (vote_id, option_id) DO UPDATE SET points = vote_tallies.points + excluded.points`),
      insertPaper: db.prepare(`INSERT INTO paper_batches (id, project_id, vote_id, counts, source, by_id, by_name, by_role, at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      paper: db.prepare<[string], PaperRow>(`SELECT id, vote_id, counts, source, by_name, at, removed_at, removed_by_name, replaced_by
        FROM paper_batches WHERE project_id = ? ORDER BY at, rowid`),
      removePaper: db.prepare('UPDATE paper_batches SET removed_at = ?, removed_by_name = ?, replaced_by = ? WHERE id = ? AND project_id = ? AND removed_at IS NULL'),
      insertClash: db.prepare(`INSERT INTO vote_clashes (id, project_id, vote_id, participant_id, name, at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (vote_id, participant_id) DO UPDATE SET at = excluded.at, resolved_at = NULL, resolved_by_name = NULL, kept = NULL`),
      clashes: db.prepare<[string], ClashRow>(`SELECT id, vote_id, participant_id, name, at, resolved_at, resolved_by_name, kept
        FROM vote_clashes WHERE project_id = ? ORDER BY at, rowid`),
      clash: db.prepare<[string, string], ClashRow>(`SELECT id, vote_id, participant_id, name, at, resolved_at, resolved_by_name, kept
        FROM vote_clashes WHERE id = ? AND project_id = ?`),
      resolveClash: db.prepare('UPDATE vote_clashes SET resolved_at = ?, resolved_by_name = ?, kept = ? WHERE id = ? AND resolved_at IS NULL'),
    }
  }

  private entry(projectId: string, kind: ProxyEntry['kind'], targetId: string, forId: string, forName: string, by: Actor, at: number, id: string): void {
    this.stmt.insertEntry.run(id, projectId, kind, targetId, forId, forName, by.participantId, by.name, by.role, at)
  }

  /** A need for a resident: `insert` stores it (NeedStore.insert), with its record, both or neither. */
  needFor(insert: () => void, projectId: string, needId: string, forId: string, forName: string, by: Actor, at: number, id: string): void {
    this.db.transaction(() => {
      insert()
      this.entry(projectId, 'need', needId, forId, forName, by, at, id)
    })()
  }

  /** Her tick and its record, in one transaction; false when she had ticked it already (on her phone or through the committee). */
  tick(projectId: string, needId: string, forId: string, forName: string, by: Actor, at: number, id: string): boolean {
    return this.db.transaction(() => {
      if (this.stmt.addTick.run(needId, forId, at).changes !== 1) return false
      this.entry(projectId, 'tick', needId, forId, forName, by, at, id)
      return true
    })()
  }

  /** Take back a tick the committee entered for her (kept as a record); false when there is none standing. */
  untick(projectId: string, needId: string, forId: string, byName: string, at: number): boolean {
    return this.db.transaction(() => {
      const live = this.stmt.liveEntry.get(projectId, 'tick', needId, forId)
      if (!live) return false
      this.stmt.removeTick.run(needId, forId)
      this.stmt.removeEntry.run(at, byName, live.id)
      return true
    })()
  }

  /**
   * Her ballot, entered by the committee: the same row her phone would write (one per participant per
   * vote: the primary key decides), with its record. Race: checked and written in one transaction, so a
   * ballot from her phone at the same moment makes exactly one of the two count.
   */
  castFor(vote: { id: string; projectId: string; anonymous: boolean }, voter: { participantId: string; name: string; role: Role },
    points: Record<string, number>, by: Actor, at: number, id: string): ProxyBallotResult {
    return this.db.transaction((): ProxyBallotResult => {
      if (this.stmt.isOpen.get(vote.id)?.open !== 1) return 'closed'
      if (this.stmt.ballot.get(vote.id, voter.participantId)) {
        return this.stmt.liveEntry.get(vote.projectId, 'ballot', vote.id, voter.participantId) ? 'entered_already' : 'voted_self'
      }
      // Security: an anonymous vote keeps no choice tied to a person, entered or not.
      this.stmt.insertBallot.run(vote.id, voter.participantId, voter.name, voter.role, at, vote.anonymous ? null : JSON.stringify(points))
      for (const [optionId, n] of Object.entries(points)) if (n > 0) this.stmt.addTally.run(vote.id, optionId, n)
      this.entry(vote.projectId, 'ballot', vote.id, voter.participantId, voter.name, by, at, id)
      return 'cast'
    })()
  }

  /** Who entered the ballot standing for this participant in this vote, if the committee did. */
  enteredBallot(projectId: string, voteId: string, participantId: string): { byName: string; byRole: Role } | undefined {
    const live = this.stmt.liveEntry.get(projectId, 'ballot', voteId, participantId)
    return live && this.entries(projectId).find((e) => e.id === live.id)
  }

  /** Her phone's ballot was refused because the committee's stands: recorded for the committee to resolve (once per vote and person). */
  recordClash(projectId: string, voteId: string, participantId: string, name: string, at: number, id: string): void {
    this.stmt.insertClash.run(id, projectId, voteId, participantId, name, at)
  }

  /**
   * Resolve a clash: keep the committee's ballot, or remove it (its points out of the tallies, its
   * record marked removed) so she votes on her phone. Security: an anonymous ballot's points are not
   * kept, so it cannot be taken out of the tallies; 'anonymous' then, and nothing changes.
   */
  resolve(projectId: string, clashId: string, keep: 'committee' | 'own', byName: string, at: number): ResolveResult | undefined {
    return this.db.transaction((): ResolveResult | undefined => {
      const clash = this.stmt.clash.get(clashId, projectId)
      if (!clash) return undefined
      if (clash.resolved_at !== null) return 'resolved'
      if (keep === 'own') {
        const removed = this.removeBallot(projectId, clash.vote_id, clash.participant_id, byName, at)
        if (removed !== 'ok' && removed !== 'none') return removed
      }
      this.stmt.resolveClash.run(at, byName, keep, clash.id)
      return 'ok'
    })()
  }

  /** Remove the committee's ballot for her from an open vote, with a record. */
  removeBallot(projectId: string, voteId: string, participantId: string, byName: string, at: number): 'ok' | 'none' | 'closed' | 'anonymous' {
    return this.db.transaction(() => {
      const live = this.stmt.liveEntry.get(projectId, 'ballot', voteId, participantId)
      if (!live) return 'none'
      if (this.stmt.isOpen.get(voteId)?.open !== 1) return 'closed'
      const ballot = this.stmt.ballot.get(voteId, participantId)
      if (ballot && ballot.points === null) return 'anonymous'
      if (ballot?.points) {
        const points = storedJson(recordOf(isNumber), ballot.points, 'ballots.points')
        for (const [optionId, n] of Object.entries(points)) if (n > 0) this.stmt.addTally.run(voteId, optionId, -n)
      }
      this.stmt.deleteBallot.run(voteId, participantId)
      this.stmt.removeEntry.run(at, byName, live.id)
      return 'ok'
    })()
  }

  addPaper(b: { id: string; projectId: string; voteId: string; counts: Record<string, number>; source: string; by: Actor; at: number }): 'ok' | 'closed' {
    return this.db.transaction(() => {
      // Race: the organizer may have closed the vote since the committee member looked.
      if (this.stmt.isOpen.get(b.voteId)?.open !== 1) return 'closed'
      this.stmt.insertPaper.run(b.id, b.projectId, b.voteId, JSON.stringify(b.counts), b.source, b.by.participantId, b.by.name, b.by.role, b.at)
      return 'ok'
    })()
  }

  /** Remove a batch (it stays as a record, with who removed it and its correction if any); false when it was removed already. */
  removePaper(projectId: string, id: string, byName: string, at: number, replacedBy: string | null): boolean {
    return this.stmt.removePaper.run(at, byName, replacedBy, id, projectId).changes === 1
  }

  /** A correction: the old batch removed and the new one added, or neither. */
  correctPaper(projectId: string, oldId: string, b: Parameters<ProxyStore['addPaper']>[0]): 'ok' | 'closed' | 'removed' {
    try {
      return this.db.transaction(() => {
        const added = this.addPaper(b)
        if (added !== 'ok') return added
        // Race: another member removed or corrected it meanwhile; throwing rolls the new batch back.
        if (!this.removePaper(projectId, oldId, b.by.name, b.at, b.id)) throw new PaperGone()
        return 'ok'
      })()
    } catch (err) {
      if (err instanceof PaperGone) return 'removed'
      throw err
    }
  }

  entries(projectId: string): ProxyEntry[] {
    return this.stmt.entries.all(projectId).map((r) => ({
      id: r.id, kind: storedValue(isKind, r.kind, 'proxy_entries.kind'), targetId: r.target_id, forId: r.for_id, forName: r.for_name,
      byName: r.by_name, byRole: storedValue(isRole, r.by_role, 'proxy_entries.by_role'), at: r.at, removedAt: r.removed_at, removedByName: r.removed_by_name,
    }))
  }

  paper(projectId: string): PaperBatch[] {
    return this.stmt.paper.all(projectId).map((r) => ({
      id: r.id, voteId: r.vote_id, counts: storedJson(recordOf(isNumber), r.counts, 'paper_batches.counts'), source: r.source,
      byName: r.by_name, at: r.at, removedAt: r.removed_at, removedByName: r.removed_by_name, replacedBy: r.replaced_by,
    }))
  }

  clashes(projectId: string): VoteClash[] {
    return this.stmt.clashes.all(projectId).map((r) => ({
      id: r.id, voteId: r.vote_id, participantId: r.participant_id, name: r.name, at: r.at,
      resolvedAt: r.resolved_at, resolvedByName: r.resolved_by_name, kept: r.kept === null ? null : storedValue(isKept, r.kept, 'vote_clashes.kept'),
    }))
  }
}

class PaperGone extends Error {}
