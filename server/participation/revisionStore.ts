/** Revision requests on options, the experts' answers (all kept) and whether each is done. */
import type { SqlDb } from '../storage/sql/SqlDb.js'
import type { Actor } from '../../src/shared/participation.js'
import { isStage, type Stage } from '../../src/shared/workflow.js'
import { storedValue } from '../storage/storedValue.js'
import { actor, actorValues, maybeActor } from './actorColumns.js'

export interface RevisionRecord {
  id: string
  projectId: string
  optionId: string
  text: string
  author: Actor
  stage: Stage
  createdAt: number
  doneAt: number | null
  doneBy: Actor | null
}

export interface AnswerRecord {
  id: string
  revisionId: string
  text: string
  author: Actor
  at: number
}

interface RevisionRow {
  id: string; project_id: string; option_id: string; text: string; author_id: string | null; author_name: string; author_role: string
  stage: string; created_at: number; done_at: number | null; done_by_id: string | null; done_by_name: string | null; done_by_role: string | null
}
interface AnswerRow { id: string; revision_id: string; text: string; author_id: string | null; author_name: string; author_role: string; at: number }

const COLS = 'id, project_id, option_id, text, author_id, author_name, author_role, stage, created_at, done_at, done_by_id, done_by_name, done_by_role'

function toRevision(r: RevisionRow): RevisionRecord {
  return {
    id: r.id, projectId: r.project_id, optionId: r.option_id, text: r.text, author: actor(r.author_id, r.author_name, r.author_role),
    stage: storedValue(isStage, r.stage, 'revisions.stage'), createdAt: r.created_at, doneAt: r.done_at, doneBy: maybeActor(r.done_by_id, r.done_by_name, r.done_by_role),
  }
}

export class RevisionStore {
  private readonly stmt

  constructor(db: SqlDb) {
    this.stmt = {
      insert: db.prepare(`INSERT INTO revisions (${COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL)`),
      get: db.prepare<[string, string], RevisionRow>(`SELECT ${COLS} FROM revisions WHERE id = ? AND project_id = ?`),
      list: db.prepare<[string], RevisionRow>(`SELECT ${COLS} FROM revisions WHERE project_id = ? ORDER BY created_at, rowid`),
      setDone: db.prepare('UPDATE revisions SET done_at = ?, done_by_id = ?, done_by_name = ?, done_by_role = ? WHERE id = ?'),
      insertAnswer: db.prepare('INSERT INTO revision_answers (id, revision_id, text, author_id, author_name, author_role, at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      answers: db.prepare<[string], AnswerRow>(
        `SELECT a.id, a.revision_id, a.text, a.author_id, a.author_name, a.author_role, a.at FROM revision_answers a
         JOIN revisions r ON r.id = a.revision_id WHERE r.project_id = ? ORDER BY a.at, a.rowid`),
    }
  }

  insert(r: RevisionRecord): void {
    this.stmt.insert.run(r.id, r.projectId, r.optionId, r.text, r.author.participantId, r.author.name, r.author.role, r.stage, r.createdAt)
  }

  get(projectId: string, id: string): RevisionRecord | undefined {
    const row = this.stmt.get.get(id, projectId)
    return row && toRevision(row)
  }

  list(projectId: string): RevisionRecord[] {
    return this.stmt.list.all(projectId).map(toRevision)
  }

  setDone(id: string, by: Actor | null, at: number | null): void {
    this.stmt.setDone.run(at, ...actorValues(by), id)
  }

  insertAnswer(a: AnswerRecord): void {
    this.stmt.insertAnswer.run(a.id, a.revisionId, a.text, a.author.participantId, a.author.name, a.author.role, a.at)
  }

  answers(projectId: string): AnswerRecord[] {
    return this.stmt.answers.all(projectId).map((r) => ({
      id: r.id, revisionId: r.revision_id, text: r.text, author: actor(r.author_id, r.author_name, r.author_role), at: r.at,
    }))
  }
}
