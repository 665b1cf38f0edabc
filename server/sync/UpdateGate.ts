/**
 * Decides, before a client's update touches the board's doc, whether it may be applied. Yjs cannot take back an applied update, so the whole update is judged from
 * what it would do (analyzeUpdate) and either applied as it is or refused as a whole: a refused
 * update changes nothing in memory or in storage, and nobody else sees anything of it.
 *
 * The rules, in order (docs/permissions.md "Whose work is whose", docs/protocol.md "Refused updates"):
 * 1. continuing a client id whose earlier edits were refused → `refused_before` (see below);
 * 2. an update that needs structs the server lacks → not applied; the client is asked to resync;
 * 3. not the board format (nested types or text in `records`/`meta`, writing `owners`) → `not_board_format`;
 * 4. a connection that may not draw now → `read_only` (whatever the update does);
 * 5. bytes: per connection per minute → `too_much_data`; the board's stored size → `board_full`;
 * 6. (project boards from here on) every record put must pass tldraw's validators and the asset
 *    rules → `invalid_record`, `bad_asset`;
 * 7. on project boards, ownership: `board_records`, `not_yours`; a copy of the base plan (in an option's
 *    frame) is the design team's and shows the plan's image only (src/shared/boardRules.ts);
 * 8. `meta` may only ever hold the running server's schema → `board_records`.
 *
 * Why refused client ids are remembered (and stored): a refused update's structs are never
 * integrated, so that client's later structs would leave a gap; but a tampered client could send the
 * same structs again after a stage move or a reconnect, when the rules might let them through. Edits
 * made while they were not allowed must never land, so every struct of a refused client id from the
 * refused clock on is refused for good. Our own client starts over with a fresh doc (new client id)
 * when it is told of a refusal, so honest users are never caught by this.
 */
import * as Y from 'yjs'
import {
  isBoardRecord, mayChangeRecord, planCopyProblem, type EditActor, type RecordOwner, type RefusalCode,
} from '../../src/shared/boardRules.js'
import { isObject, isString, nullable, record, type Guard } from '../../src/shared/guards.js'
import { isRole } from '../../src/shared/workflow.js'
import { DOCUMENT_KEY, OWNERS_ROOT, RECORDS_ROOT, SCHEMA_KEY } from '../../src/shared/boardFormat.js'
import { analyzeUpdate, MAX_NEW_CLIENTS, type UpdateAnalysis } from './analyzeUpdate.js'
import { MessageBudget } from './MessageBudget.js'
import { isServerSchema, recordProblem } from './boardSchema.js'
import { RecordIndex } from './RecordIndex.js'

export interface GateLimits {
  /** Largest a board's state may grow to, in bytes (MAX_BOARD_BYTES; 0 = no limit). */
  maxBoardBytes: number
  /** Bytes one connection may send in updates per minute (MAX_WRITE_BYTES_PER_MINUTE; 0 = no limit). */
  writeBytesPerMinute: number
}

/** Who is sending, as the gate needs it (a Connection's grant). */
export interface GateSender {
  canWrite(): boolean
  /** Project boards: the person, for ownership. Absent: a plain board, no ownership rules. */
  readonly actor?: EditActor
}

export type Verdict =
  | { kind: 'apply'; analysis: UpdateAnalysis }
  | { kind: 'nothing' }
  | { kind: 'resync' }
  | { kind: 'refuse'; code: RefusalCode; message: string; analysis: UpdateAnalysis }

const isOwner: Guard<RecordOwner> = record({ l: isString, p: nullable(isString), r: isRole })

/** A stored or incoming record value as the board rules read it: an object, or nothing to read. */
function recordFields(v: unknown): Record<string, unknown> | undefined {
  return isObject(v) ? v : undefined
}

export class UpdateGate {
  readonly index: RecordIndex
  private readonly owners: Y.Map<unknown>
  /** Bytes per connection: a minute's allowance at once, refilled continuously. */
  private readonly budgets = new WeakMap<object, MessageBudget>()
  /** Bytes of the board's state when last measured, plus what was accepted since (never less than the truth). */
  private sizeEstimate: number
  /** sizeEstimate right after the last full measurement (re-measured only after real growth). */
  private measuredAt = -Infinity

  constructor(
    private readonly doc: Y.Doc,
    private readonly limits: GateLimits,
    /** client id → first refused clock (loaded from storage, added to by refusals). */
    readonly refused: Map<number, number>,
    /** What the board's storage held when loaded (snapshot + updates): an upper bound of its state. */
    storedBytes: number,
  ) {
    this.index = new RecordIndex(doc.getArray(RECORDS_ROOT))
    this.owners = doc.getMap(OWNERS_ROOT)
    this.sizeEstimate = storedBytes
  }

  ownerOf(key: string): RecordOwner | undefined {
    const o = this.owners.get(key)
    return isOwner(o) ? o : undefined
  }

  judge(sender: GateSender, budgetKey: object, update: Uint8Array): Verdict {
    const a = analyzeUpdate(this.doc, update, this.refused)
    if (a.refusedBefore) return this.refusal('refused_before', 'These changes continue changes that were refused earlier', a)
    if (a.missing) return { kind: 'resync' }
    const effective = a.newFrom.size > 0 || a.deletesAlive
    // Nothing new (duplicates, deletions of what is already deleted): not an edit, nothing to refuse.
    if (!effective) return { kind: 'nothing' }
    if (a.invalid) return this.refusal('not_board_format', a.invalid, a)
    const deletes = this.realDeletes(a)
    // Every client's YKeyValue deletes the losing entries of a key written twice at once, read-only
    // ones too, as soon as it sees them: no record changes, so it is applied for anyone.
    const cleanUpOnly = a.newFrom.size === 0 && !a.deletesOutsideRecords && a.meta.size === 0 && a.puts.size === 0 && deletes.length === 0
    if (cleanUpOnly) return { kind: 'apply', analysis: a }
    // tldraw stores the person's own `user` record (attribution) even while the editor is read-only;
    // such a write changes nobody's work, and is still checked below (valid, and one's own).
    const onlyUserRecords = a.puts.size > 0 && a.meta.size === 0 && deletes.length === 0 &&
      [...a.puts.values()].every((vs) => vs.every((v) => recordFields(v)?.typeName === 'user'))
    if (!sender.canWrite() && !onlyUserRecords) {
      const keys = [...a.puts.keys(), ...deletes, ...[...a.meta.keys()].map((k) => `meta.${k}`)].slice(0, 3)
      return this.refusal('read_only', `Your role may not change the board in this stage (${keys.join(', ') || 'other content'})`, a)
    }

    if (a.newBytes > 0) {
      let budget = this.budgets.get(budgetKey)
      const perMinute = this.limits.writeBytesPerMinute
      if (!budget) this.budgets.set(budgetKey, (budget = new MessageBudget(perMinute / 60, perMinute)))
      if (!budget.take(update.byteLength)) return this.refusal('too_much_data', 'Too much data sent in the last minute; wait a moment and try again', a)
      const max = this.limits.maxBoardBytes
      if (max > 0 && this.sizeEstimate + a.newBytes > max) {
        // The estimate only grows between measurements (deletions make the truth smaller): measure
        // before refusing, but on a board really near its cap not again for every update.
        if (this.sizeEstimate - this.measuredAt > max / 64) {
          this.sizeEstimate = Y.encodeStateAsUpdate(this.doc).byteLength
          this.measuredAt = this.sizeEstimate
        }
        if (this.sizeEstimate + a.newBytes > max) return this.refusal('board_full', `The board has reached its size limit (${max} bytes)`, a)
      }
    }

    // A plain board (no project) is an open whiteboard any y-websocket client may use for any Yjs
    // content; its records are not checked (docs/permissions.md). Project boards are.
    if (!sender.actor) return { kind: 'apply', analysis: a }
    const actor = sender.actor
    for (const [key, values] of a.puts) {
      const before = this.index.get(key)
      for (const val of values) {
        const problem = recordProblem(key, val, before)
        if (problem) return this.refusal(problem.code, problem.message, a)
        // Security: a copy of the base plan in an option's frame is the design team's, and shows the
        // plan's own upload only (src/shared/boardRules.ts planCopyProblem).
        const copy = planCopyProblem(actor, val)
        if (copy) return this.refusal(copy, `${key}: only the design team makes copies of the base plan, and only of its image`, a)
        const code = (before === undefined ? this.mayCreate(actor, key, val) : this.mayChange(actor, key, before, val)) ??
          this.mayBindFrom(actor, val, a)
        if (code) return this.refusal(code, `${key}: ${code === 'not_yours' ? 'made by someone else' : 'the board itself'}`, a)
      }
    }
    for (const key of deletes) {
      const code = this.mayChange(actor, key, this.index.get(key), undefined)
      if (code) return this.refusal(code, `${key}: may not be deleted by you`, a)
    }
    for (const [sub, value] of a.meta) {
      // Security: a schema this server does not run would tell every browser the board came from
      // a newer app and freeze it; the server upgrades old boards itself (boardSchema.ts).
      if (sub !== SCHEMA_KEY || value === undefined || !isServerSchema(value)) {
        return this.refusal('board_records', `meta.${sub}: only the server's schema may be stored`, a)
      }
    }
    return { kind: 'apply', analysis: a }
  }

  /** After an applied update: count its bytes, and record who made the records it created. */
  accepted(sender: GateSender, a: UpdateAnalysis, createdBefore: Set<string>): Map<string, RecordOwner> {
    this.sizeEstimate += a.newBytes
    // A deletion makes the board smaller than the estimate says: the next update near the cap
    // measures again, so a full board takes edits once people have deleted something.
    if (a.deletesAlive) this.measuredAt = -Infinity
    const stamps = new Map<string, RecordOwner>()
    const actor = sender.actor
    if (!actor) return stamps
    for (const key of createdBefore) {
      if (!this.index.has(key)) continue
      stamps.set(key, { p: actor.participantId, l: actor.linkId, r: actor.role })
    }
    return stamps
  }

  /**
   * Another instance's update was applied (it judged it): its bytes count toward the board's size
   * here too, or each instance would let the board grow to MAX_BOARD_BYTES on its own.
   */
  noteElsewhere(bytes: number): void {
    this.sizeEstimate += bytes
  }

  /** Keys of the analysis that were not records before it (for `accepted`). */
  newKeys(a: UpdateAnalysis): Set<string> {
    const keys = new Set<string>()
    for (const key of a.puts.keys()) if (!this.index.has(key)) keys.add(key)
    return keys
  }

  /** Write owner stamps (inside the caller's transaction). */
  writeOwners(stamps: Map<string, RecordOwner>): void {
    for (const [key, owner] of stamps) this.owners.set(key, owner)
  }

  destroy(): void {
    this.index.destroy()
  }

  private realDeletes(a: UpdateAnalysis): string[] {
    const out: string[] = []
    for (const [key, entries] of a.deletes) {
      const winner = this.index.winner(key)
      // Deleting a losing duplicate is a client's clean-up: the record itself does not change.
      if (winner && entries.includes(winner)) out.push(key)
    }
    return out
  }

  /**
   * A binding as it will be (created or re-pointed) hangs off its arrow (`fromId`): only someone who
   * may change that arrow may make it, so nobody sticks another person's arrow to their own shape.
   * An arrow created in the same update is the sender's own.
   */
  private mayBindFrom(actor: EditActor, val: unknown, a: UpdateAnalysis): RefusalCode | null {
    const b = recordFields(val)
    if (actor.role === 'organizer' || b?.typeName !== 'binding' || typeof b.fromId !== 'string') return null
    const arrow = this.index.get(b.fromId)
    if (arrow === undefined) return a.puts.has(b.fromId) ? null : 'not_yours'
    return mayChangeRecord(actor, b.fromId, recordFields(arrow), this.ownerOf(b.fromId))
  }

  private mayCreate(actor: EditActor, key: string, val: unknown): RefusalCode | null {
    if (actor.role === 'organizer' || !isBoardRecord(key, recordFields(val))) return null
    // A board without its document record or any page cannot be shown; whoever opens it first may
    // create them (tldraw does so itself, with fixed ids, so concurrent creations converge).
    if (key === DOCUMENT_KEY) return null
    if (key.startsWith('page:') && !this.index.hasKeyWithPrefix('page:')) return null
    return 'board_records'
  }

  private mayChange(actor: EditActor, key: string, before: unknown, after: unknown): RefusalCode | null {
    if (actor.role === 'organizer') return null
    // Turning one's own shape into "the base plan" is changing the board's own records too.
    if (after !== undefined && isBoardRecord(key, recordFields(after))) return 'board_records'
    const code = mayChangeRecord(actor, key, recordFields(before), this.ownerOf(key))
    if (code !== 'not_yours') return code
    // A binding (an arrow stuck to a shape) follows the shapes it joins: whoever may change either
    // end may change or remove it, so deleting one's own arrow or box also drops others' bindings.
    const b = recordFields(before)
    if (b?.typeName === 'binding') {
      for (const end of [b.fromId, b.toId]) {
        if (typeof end !== 'string') continue
        if (mayChangeRecord(actor, end, recordFields(this.index.get(end)), this.ownerOf(end)) === null) return null
      }
    }
    return code
  }

  private refusal(code: RefusalCode, message: string, a: UpdateAnalysis): Verdict {
    // An update with more client ids than any person has is refused whole and remembered by none of
    // them: remembering would let one message fill memory and storage with ids (it can never land anyway).
    if (a.newFrom.size > MAX_NEW_CLIENTS) return { kind: 'refuse', code, message, analysis: { ...a, newFrom: new Map() } }
    for (const [client, from] of a.newFrom) {
      const prev = this.refused.get(client)
      if (prev === undefined || from < prev) this.refused.set(client, from)
    }
    return { kind: 'refuse', code, message, analysis: a }
  }
}
