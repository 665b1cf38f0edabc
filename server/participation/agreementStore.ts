/**
 * Approvals, the quorum, agreements and reopenings. Approvals belong to a round: the number of
 * agreements made so far, so reopening an agreed project starts a fresh round of approvals while the
 * agreement keeps the approvals it was confirmed with.
 */
import type { SqlDb } from '../storage/sql/SqlDb.js'
import { arrayOf, isNumber, isString, record, type Guard } from '../../src/shared/guards.js'
import type { Agreement, Approval, Reopen } from '../../src/shared/participation.js'
import { storedJson } from '../storage/storedValue.js'

interface AgreementRow { id: string; option_id: string | null; approvals: string; quorum: number | null; by_name: string; at: number; move_id: string }
const isApprovalList: Guard<Approval[]> = arrayOf(record({ optionId: isString, participantId: isString, name: isString, at: isNumber }))

export class AgreementStore {
  private readonly stmt

  constructor(private readonly db: SqlDb) {
    this.stmt = {
      round: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM agreements WHERE project_id = ?'),
      approve: db.prepare(`INSERT INTO approvals (project_id, round, participant_id, option_id, name, at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (project_id, round, participant_id) DO UPDATE SET option_id = excluded.option_id, name = excluded.name, at = excluded.at`),
      withdraw: db.prepare('DELETE FROM approvals WHERE project_id = ? AND round = ? AND participant_id = ?'),
      approvals: db.prepare<[string, number], { option_id: string; participant_id: string; name: string; at: number }>(
        'SELECT option_id, participant_id, name, at FROM approvals WHERE project_id = ? AND round = ? ORDER BY at, rowid'),
      quorum: db.prepare<[string], { quorum: number | null }>('SELECT quorum FROM agreement_settings WHERE project_id = ?'),
      setQuorum: db.prepare(`INSERT INTO agreement_settings (project_id, quorum) VALUES (?, ?)
        ON CONFLICT (project_id) DO UPDATE SET quorum = excluded.quorum`),
      insertAgreement: db.prepare('INSERT INTO agreements (id, project_id, option_id, approvals, quorum, by_name, at, move_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      agreements: db.prepare<[string], AgreementRow>(
        'SELECT id, option_id, approvals, quorum, by_name, at, move_id FROM agreements WHERE project_id = ? ORDER BY at, rowid'),
      insertReopen: db.prepare('INSERT INTO reopens (id, project_id, reason, by_name, at, move_id) VALUES (?, ?, ?, ?, ?, ?)'),
      reopens: db.prepare<[string], { id: string; reason: string; by_name: string; at: number; move_id: string }>(
        'SELECT id, reason, by_name, at, move_id FROM reopens WHERE project_id = ? ORDER BY at, rowid'),
    }
  }

  private round(projectId: string): number {
    return this.stmt.round.get(projectId)?.n ?? 0
  }

  /** The participant's one approval of this round, replacing an earlier one. */
  approve(projectId: string, approval: Approval): void {
    this.stmt.approve.run(projectId, this.round(projectId), approval.participantId, approval.optionId, approval.name, approval.at)
  }

  /** false if the participant had not approved anything this round. */
  withdraw(projectId: string, participantId: string): boolean {
    return this.stmt.withdraw.run(projectId, this.round(projectId), participantId).changes === 1
  }

  approvals(projectId: string): Approval[] {
    return this.stmt.approvals.all(projectId, this.round(projectId))
      .map((r) => ({ optionId: r.option_id, participantId: r.participant_id, name: r.name, at: r.at }))
  }

  quorum(projectId: string): number | null {
    return this.stmt.quorum.get(projectId)?.quorum ?? null
  }

  setQuorum(projectId: string, quorum: number): void {
    this.stmt.setQuorum.run(projectId, quorum)
  }

  /** Record an agreement with this round's approvals; the next round starts with none. */
  recordAgreement(projectId: string, a: Omit<Agreement, 'approvals' | 'quorum'>): void {
    this.db.transaction(() => {
      const approvals = a.optionId === null ? [] : this.approvals(projectId).filter((x) => x.optionId === a.optionId)
      this.stmt.insertAgreement.run(a.id, projectId, a.optionId, JSON.stringify(approvals), this.quorum(projectId), a.byName, a.at, a.moveId)
    })()
  }

  agreements(projectId: string): Agreement[] {
    return this.stmt.agreements.all(projectId).map((r) => ({
      id: r.id, optionId: r.option_id, approvals: storedJson(isApprovalList, r.approvals, 'agreements.approvals'), quorum: r.quorum,
      byName: r.by_name, at: r.at, moveId: r.move_id,
    }))
  }

  recordReopen(projectId: string, r: Reopen): void {
    this.stmt.insertReopen.run(r.id, projectId, r.reason, r.byName, r.at, r.moveId)
  }

  reopens(projectId: string): Reopen[] {
    return this.stmt.reopens.all(projectId).map((r) => ({ id: r.id, reason: r.reason, byName: r.by_name, at: r.at, moveId: r.move_id }))
  }
}
