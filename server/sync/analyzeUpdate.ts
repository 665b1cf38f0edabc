/**
 * What a client's Yjs update would do to a board, worked out BEFORE it is applied: which records it puts, which it deletes, which `meta` keys it sets, and whether it can
 * be integrated at all. Yjs cannot take an update back once applied, so every rule about who may
 * change what has to be decided from the update's structs and the doc as it is now.
 *
 * The board format (docs/board-format.md) is flat: a `records` Y.Array of `{ key, val }` and a
 * `meta` Y.Map of plain values; the server itself writes the `owners` Y.Map. Anything else a
 * client sends — another root, a nested type, text or formatting content — is not a board edit and
 * is refused as a whole.
 */
import * as Y from 'yjs'
import { isEntry, META_ROOT, OWNERS_ROOT, RECORDS_ROOT, type RecordEntry } from '../../src/shared/boardFormat.js'

export interface UpdateAnalysis {
  /**
   * The update needs structs the server does not have (a gap in a client's clock, a reference to
   * an unknown item): Yjs would keep it pending and apply it later under another update's checks.
   */
  missing: boolean
  /** The update continues a client id whose earlier structs were refused (UpdateGate). */
  refusedBefore: boolean
  /** Not a board edit at all (another root, a nested type, …): why, in English, for the log and the client. */
  invalid: string | null
  /** For each client id with new structs: the first clock the server does not have yet. */
  newFrom: Map<number, number>
  /**
   * Values the update inserts that stay alive, by key: every one of them, since which one wins is
   * decided by their place in the array, not their order in the update (all are checked).
   */
  puts: Map<string, unknown[]>
  /**
   * Keys with entries alive in the doc now that the update deletes (and does not put again), with
   * the deleted entry objects: the key's record is deleted only if its winning entry is among them
   * (deleting a losing duplicate is a client's clean-up, no change).
   */
  deletes: Map<string, RecordEntry[]>
  /** The update deletes something alive in the doc (any content, a losing duplicate too). */
  deletesAlive: boolean
  /** …of which something outside the `records` array (a `meta` value, another root's content). */
  deletesOutsideRecords: boolean
  /** `meta` keys set (value) or deleted (undefined). */
  meta: Map<string, unknown>
  /** Bytes the update adds to the board at most (its own size when it brings new structs). */
  newBytes: number
}

type Struct = Y.Item | Y.GC | Y.Skip
/** A parent as this analysis needs it: a root's name (plus map key), or nothing (content that has no effect). */
interface Place { root: string; sub: string | null }
const NOWHERE: Place = { root: '', sub: null }

/** Most client ids with new structs in one update: one person's tabs and offline sessions, never thousands. */
export const MAX_NEW_CLIENTS = 64
/** Longest chain of new items placed by their neighbours that is followed (beyond it the update is refused). */
const MAX_PLACE_DEPTH = 1_000

/** Which of the board's roots a doc type is ('<other>' for any other root or nested type). */
function rootName(doc: Y.Doc, type: unknown): string {
  // Compared with the three roots the board format has, not a scan of every root: a crafted update
  // may have added thousands of others.
  for (const name of [RECORDS_ROOT, META_ROOT, OWNERS_ROOT]) if (doc.share.get(name) === type) return name
  return '<other>'
}

/** The struct of `list` (one client's, in clock order) that holds `clock`. */
function structAt(list: Struct[] | undefined, clock: number): Struct | undefined {
  if (!list) return undefined
  let lo = 0
  let hi = list.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const s = list[mid]
    if (clock < s.id.clock) hi = mid - 1
    else if (clock >= s.id.clock + s.length) lo = mid + 1
    else return s
  }
  return undefined
}

/**
 * `refused`: client id → first clock refused earlier; structs of that client from there on are
 * marked `refusedBefore`. Content under roots other than `records`, `meta` and `owners` is let
 * through unexamined: no CommonGround client reads it, so it cannot change what anyone sees, and the
 * size caps bound it (plain boards are also open to any y-websocket use; docs/permissions.md).
 */
export function analyzeUpdate(doc: Y.Doc, update: Uint8Array, refused?: ReadonlyMap<number, number>): UpdateAnalysis {
  const out: UpdateAnalysis = { missing: false, refusedBefore: false, deletesAlive: false, deletesOutsideRecords: false, invalid: null, newFrom: new Map(), puts: new Map(), deletes: new Map(), meta: new Map(), newBytes: 0 }
  const { structs, ds } = Y.decodeUpdate(update)
  const store = doc.store

  // 1. Which structs are new, and does each client's run continue exactly where the doc ends?
  const known = new Map<number, number>()
  const stateOf = (client: number): number => known.get(client) ?? Y.getState(store, client)
  const inUpdate = new Map<number, Struct[]>()
  const fresh: Y.Item[] = []
  for (const s of structs) {
    const { client, clock } = s.id
    if (s instanceof Y.Skip) { out.missing = true; continue }
    const state = stateOf(client)
    if (clock > state) { out.missing = true; continue }
    if (clock + s.length <= state) continue // the server has it already: Yjs skips it
    const refusedFrom = refused?.get(client)
    if (refusedFrom !== undefined && clock + s.length > refusedFrom) { out.refusedBefore = true; continue }
    // Why refused rather than split: a client computes its step 2 from the server's state vector,
    // so its first struct starts exactly there; a struct straddling it only comes from a crafted
    // or stale sender, and a resync (step 1) makes an honest client send it cut at the right clock.
    if (clock < state) { out.missing = true; continue }
    known.set(client, clock + s.length)
    if (!out.newFrom.has(client)) out.newFrom.set(client, clock)
    let list = inUpdate.get(client)
    if (!list) inUpdate.set(client, (list = []))
    list.push(s)
    if (s instanceof Y.Item) fresh.push(s)
  }
  if (out.missing) return out
  if (out.newFrom.size > MAX_NEW_CLIENTS) {
    out.invalid = `More than ${MAX_NEW_CLIENTS} client ids in one update`
    return out
  }

  const has = (id: Y.ID): boolean => id.clock < stateOf(id.client)
  // Binary search: a crafted update of 80,000 items referring to each other must not cost a scan each.
  const findNew = (id: Y.ID): Struct | undefined => structAt(inUpdate.get(id.client), id.clock)
  const TOO_DEEP: Place = { root: '<too deep>', sub: null }

  // 2. Where each new item goes. An item that names no parent takes its neighbour's.
  const places = new Map<Y.Item, Place>()
  const placeOf = (item: Y.Item, depth = 0): Place => {
    const cached = places.get(item)
    if (cached) return cached
    let place: Place
    // Yjs types `parent` as a type, an ID or null; a decoded item not yet integrated holds a root's name.
    const parent: unknown = item.parent
    if (typeof parent === 'string') place = { root: parent, sub: item.parentSub }
    else if (parent instanceof Y.ID) place = { root: '<nested>', sub: null }
    else {
      const ref = item.origin ?? item.rightOrigin
      if (!ref) place = { root: '<none>', sub: null }
      else place = placeOfId(ref, depth)
    }
    places.set(item, place)
    return place
  }
  const placeOfId = (id: Y.ID, depth: number): Place => {
    const inUpd = findNew(id)
    if (inUpd) {
      if (!(inUpd instanceof Y.Item)) return NOWHERE
      // Fail closed: a chain this long is crafted, and "no effect" would let its last item through.
      if (depth > MAX_PLACE_DEPTH) return TOO_DEEP
      return placeOf(inUpd, depth + 1)
    }
    // Yjs types getItem as returning an Item; for garbage-collected content it returns a GC.
    const s: Struct = Y.getItem(store, id)
    // Next to garbage-collected content Yjs discards the new item too: it has no effect.
    if (!(s instanceof Y.Item)) return NOWHERE
    return { root: rootName(doc, s.parent), sub: s.parentSub }
  }

  for (const item of fresh) {
    for (const ref of [item.origin, item.rightOrigin, item.parent instanceof Y.ID ? item.parent : null]) {
      if (!ref) continue
      if (!has(ref)) { out.missing = true; return out }
      if (ref === item.parent) {
        // A nested parent must be a shared type (which only other roots can hold: `records` and
        // `meta` refuse nested types), or Yjs fails half-way through applying the update.
        const p: Struct = findNew(ref) ?? Y.getItem(store, ref)
        if (!(p instanceof Y.Item) || !(p.content instanceof Y.ContentType)) { out.invalid = 'An item\'s parent is not a shared type'; return out }
      }
      // An item cannot follow a later item of its own client: Yjs would fail half-way through
      // applying such an update, after integrating other parts of it.
      if (ref.client === item.id.client && ref.clock >= item.id.clock) { out.invalid = 'An item refers to a later item of its own client'; return out }
    }
  }

  // 3. What the delete set removes: in the doc (alive items only) and in the update itself.
  const deletedNew = new Set<Y.Item>()
  /** Deleted element indexes of new items that are only partly deleted (rare: crafted updates). */
  const partlyDeleted = new Map<Y.Item, Set<number>>()
  const recordsType = doc.share.get(RECORDS_ROOT)
  const metaType = doc.share.get(META_ROOT)
  for (const [client, ranges] of ds.clients) {
    for (const { clock, len } of ranges) {
      if (clock + len > stateOf(client)) { out.missing = true; return out }
      // New structs of this update inside the range.
      for (const s of inUpdate.get(client) ?? []) {
        if (!(s instanceof Y.Item)) continue
        const from = Math.max(clock, s.id.clock)
        const to = Math.min(clock + len, s.id.clock + s.length)
        if (from >= to) continue
        if (from === s.id.clock && to === s.id.clock + s.length) deletedNew.add(s)
        else {
          let set = partlyDeleted.get(s)
          if (!set) partlyDeleted.set(s, (set = new Set()))
          for (let c = from; c < to; c++) set.add(c - s.id.clock)
        }
      }
      // Alive items of the doc inside the range.
      const docStructs = store.clients.get(client)
      if (!docStructs || docStructs.length === 0) continue
      const docEnd = Y.getState(store, client)
      if (clock >= docEnd) continue
      let i = Y.findIndexSS(docStructs, clock)
      for (; i < docStructs.length; i++) {
        const s = docStructs[i]
        if (s.id.clock >= clock + len) break
        if (!(s instanceof Y.Item) || s.deleted) continue
        out.deletesAlive = true
        if (s.parent !== recordsType) out.deletesOutsideRecords = true
        if (s.parent === recordsType && s.content instanceof Y.ContentAny) {
          const from = Math.max(clock, s.id.clock) - s.id.clock
          const to = Math.min(clock + len, s.id.clock + s.length) - s.id.clock
          const arr = s.content.arr
          for (let k = from; k < to; k++) {
            const e = arr[k]
            if (!isEntry(e)) continue
            const list = out.deletes.get(e.key)
            if (list) list.push(e)
            else out.deletes.set(e.key, [e])
          }
        } else if (s.parent === metaType && s.parentSub !== null) {
          out.meta.set(s.parentSub, undefined)
        } else if (s.parent === doc.share.get(OWNERS_ROOT)) {
          out.invalid = 'Only the server records who made what'
          return out
        }
        // Anything else: content our board never holds under these roots, or another root's.
      }
    }
  }

  // 4. What the new items put.
  for (const item of fresh) {
    const content = item.content
    // A sub-document is a whole Y.Doc per item, in every client's memory: not part of any board.
    if (content instanceof Y.ContentDoc) { out.invalid = 'Sub-documents are not part of the board format'; return out }
    const place = placeOf(item)
    if (place === TOO_DEEP) { out.invalid = 'Items placed by too long a chain of other new items'; return out }
    if (place === NOWHERE) continue
    if (place.root === OWNERS_ROOT) { out.invalid = 'Only the server records who made what'; return out }
    const gone = content instanceof Y.ContentDeleted || deletedNew.has(item)
    if (gone) {
      // Even a deleted new map item, placed last, removes the value before it while it is
      // integrated (that removal is in no delete set): for `meta` it is a change of its key.
      if (place.root === META_ROOT && place.sub !== null && !out.meta.has(place.sub)) out.meta.set(place.sub, undefined)
      continue
    }
    if (place.root !== RECORDS_ROOT && place.root !== META_ROOT) continue
    if (content instanceof Y.ContentType) { out.invalid = 'Nested shared types are not part of the board format'; return out }
    if (place.root === RECORDS_ROOT && place.sub === null) {
      if (!(content instanceof Y.ContentAny)) { out.invalid = 'A records entry must be a plain { key, val } value'; return out }
      const skip = partlyDeleted.get(item)
      const arr = content.arr
      for (let k = 0; k < arr.length; k++) {
        if (skip?.has(k)) continue
        const e = arr[k]
        if (!isEntry(e)) { out.invalid = 'A records entry must be a plain { key, val } value'; return out }
        const values = out.puts.get(e.key)
        if (values) values.push(e.val)
        else out.puts.set(e.key, [e.val])
      }
    } else if (place.root === META_ROOT && place.sub !== null) {
      if (!(content instanceof Y.ContentAny) || content.arr.length !== 1) { out.invalid = 'A meta value must be one plain value'; return out }
      out.meta.set(place.sub, content.arr[0])
    } else {
      out.invalid = 'A records entry inside a map, or a meta value without a key'
      return out
    }
  }
  // What the board grows by, at most: the update's own bytes when it brings new structs (any root).
  out.newBytes = fresh.length > 0 ? update.byteLength : 0
  // A key whose old entry is deleted and that is put again is an update, not a delete.
  for (const key of out.puts.keys()) out.deletes.delete(key)
  return out
}
