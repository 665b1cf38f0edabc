/**
 * The storage seam. SQLite (SqliteStorage) is the default; PostgreSQL (PgStorage, DATABASE_URL)
 * implements the same interface without touching server/sync or server/http.
 *
 * Contract: within one server instance, the sync layer never has two calls of
 * appendUpdates/compact/loadDoc for one board in flight at once (the Board serialises its writes).
 *
 * One instance (SQLite, or PostgreSQL without other instances): that instance is the only writer of
 * a board, so what it appended is all there is, and `compact` may simply replace it.
 *
 * Several instances (PostgreSQL shared by instances whose Redis relay carries updates between
 * them): each instance appends its own clients' updates to the same board, and its doc may not yet
 * hold what another instance stored. So a shared backend's `compact`:
 * - merges the stored snapshot and the updates it reads into the given state, and deletes only
 *   those updates (an update committed meanwhile stays, for the next compaction);
 * - runs once: under a per-board lock that is tried, not waited for. An instance that finds it
 *   taken skips the compaction (another instance is folding the same updates), storing the updates
 *   it was asked to fold (`folded`) as plain appended updates instead, so nothing is lost.
 * The update count the sync layer keeps (DocWriter) then counts only its own instance's appends:
 * it decides when this instance compacts, never what is stored.
 */
export interface StoredBoard {
  id: string
  name: string
  createdAt: number
}

/** What is stored for one board's Y.Doc: an optional compacted snapshot plus the updates after it. */
export interface StoredDoc {
  snapshot: Uint8Array | null
  updates: Uint8Array[]
}

/**
 * Who made a stored update (find the damage one link did). Recorded by the storage in the
 * same transaction as the update, so the log never names a change that was not stored, nor misses
 * one that was. `kind` is 'restore' for a change the server made by restoring a snapshot.
 */
export interface UpdateAuthor {
  kind: 'edit' | 'restore'
  linkId: string | null
  participantId: string | null
}

/** Updates folded into a snapshot without being appended first, with who made each (same index). */
export interface FoldedUpdates {
  updates: Uint8Array[]
  authors?: (UpdateAuthor | undefined)[]
}

/**
 * Keeps a board's history snapshots, taken by the sync layer every SNAPSHOT_INTERVAL_MS and when a
 * board unloads (SqliteStorage's engine: BoardHistory.ts).
 */
export interface HistorySink {
  saveSnapshot(boardId: string, state: Uint8Array, at: number): void
  /**
   * Several instances (REDIS_URL) hold the same board, so one snapshot serves them all: save unless
   * `standsFor(latest)` says the board's newest snapshot (by any instance) already does, deciding in
   * one transaction. Says whether it saved, and the time of the snapshot that now stands for this one.
   */
  saveSnapshotOnce?(boardId: string, state: Uint8Array, at: number,
    standsFor: (latest: { at: number; state: Uint8Array }) => boolean): { saved: boolean; at: number }
}

export interface Storage {
  createBoard(board: StoredBoard): Promise<void>
  getBoard(id: string): Promise<StoredBoard | undefined>
  countBoards(): Promise<number>
  loadDoc(boardId: string): Promise<StoredDoc>
  /**
   * Durably append updates (one transaction). `authors[i]`, when given, says who made `updates[i]`;
   * a backend that keeps an audit log writes it in the same transaction (SqliteStorage does; see
   * docs/protocol.md, "Audit log"). The sync layer counts what it appended itself, so no count
   * comes back: that would be a query per update.
   */
  appendUpdates(boardId: string, updates: Uint8Array[], authors?: (UpdateAuthor | undefined)[]): Promise<void>
  /**
   * Replace the snapshot with `state` (which includes every update this instance appended) and drop
   * the updates it covers, in one transaction; a backend shared by instances merges and may skip
   * (see the top of this file). `folded` are updates that were never appended but are in `state`
   * (the sync layer compacts instead of appending when the kept updates would outgrow the
   * snapshot); their audit rows are written in the same transaction, as appendUpdates would.
   */
  compact(boardId: string, state: Uint8Array, folded?: FoldedUpdates): Promise<void>
  /**
   * Client ids whose updates the server refused, with the first refused clock (server/sync/UpdateGate.ts):
   * their structs from there on may never be applied, whatever happens later.
   */
  loadRefusedClients(boardId: string): Promise<Map<number, number>>
  /** Remember refused client ids (keeps the smallest clock per client). */
  refuseClients(boardId: string, clients: ReadonlyMap<number, number>): Promise<void>
  close(): Promise<void>
}
