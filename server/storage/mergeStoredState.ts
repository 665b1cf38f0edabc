/**
 * What a compaction writes when other instances may have stored updates this instance's doc has
 * not seen yet (PgStorage in cluster mode): the given state, plus whatever the stored snapshot and
 * updates hold that the state does not. Without a Y.Doc: decoding and re-encoding is linear in the
 * bytes, where loading the board into a doc would integrate every struct again.
 */
import * as Y from 'yjs'

/**
 * `state` when it already contains every stored piece (the usual case: this instance's doc has
 * them all, and the bytes written are exactly the doc's state), else one update merging `state`
 * with the parts of the pieces it lacks.
 */
export function mergeStoredState(state: Uint8Array, stored: readonly Uint8Array[]): Uint8Array {
  if (stored.length === 0) return state
  const sv = Y.encodeStateVectorFromUpdate(state)
  // diffUpdate against the state's own vector keeps no struct and the whole delete set: the cheap
  // way to read the state's deletions without a doc.
  const { ds } = Y.decodeUpdate(Y.diffUpdate(state, sv))
  const contains = Y.createSnapshot(ds, Y.decodeStateVector(sv))
  const missing: Uint8Array[] = []
  for (const piece of stored) {
    if (!Y.snapshotContainsUpdate(contains, piece)) missing.push(Y.diffUpdate(piece, sv))
  }
  if (missing.length === 0) return state
  // Why the state first: where structs of equal id meet, mergeUpdates keeps the first, and the
  // state's are the doc's own (deleted content already collected). The diffs hold only structs past
  // the state's vector, plus their delete sets, which merge as a union.
  return Y.mergeUpdates([state, ...missing])
}
