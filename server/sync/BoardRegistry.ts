/**
 * The boards in memory, by id: loads a board on its first connection (one shared load however
 * many connect at once), unloads it some time after its last connection left, flushes all at shutdown.
 */
import * as Y from 'yjs'
import type { HistorySink, Storage } from '../storage/Storage.js'
import { StorageState } from '../../src/shared/protocol.js'
import { Board, STORAGE_FAILING_REASON, type ServerEdit } from './Board.js'
import type { PresenceLimits, PresenceStats } from './BoardPresence.js'
import type { BoardPeer } from './BoardPeer.js'
import { Frame } from './Frame.js'
import { storageStateMessage } from './messages.js'
import type { Relay } from './relay/Relay.js'
import type { StorageHealth } from './StorageHealth.js'
import type { GateLimits } from './UpdateGate.js'

export interface BoardRegistryOptions {
  storage: Storage
  compactAfterUpdates: number
  unloadDelayMs: number
  maxBufferedBytes: number
  maxAwarenessBytes: number
  /** Presence caps and relay tick, handed to every board. */
  presence?: PresenceLimits
  /** Size and byte-rate caps of client edits (UpdateGate). */
  gateLimits: GateLimits
  log: (line: string) => void
  /** Where periodic history snapshots go (SNAPSHOT_INTERVAL_MS); absent: none are taken. */
  history?: HistorySink
  snapshotIntervalMs?: number
  /** The server's storage state; every client is told when it changes. */
  storageHealth?: StorageHealth
  /** Other instances serving the same boards (REDIS_URL); absent: this process is the only one. */
  relay?: Relay
}

/** Whether a stored board state holds every struct of a doc with state vector `ours` (deletions are not compared). */
function covers(stored: Uint8Array, ours: Map<number, number>): boolean {
  const theirs = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(stored))
  for (const [client, clock] of ours) if ((theirs.get(client) ?? 0) < clock) return false
  return true
}

export class BoardRegistry {
  private readonly boards = new Map<string, Board>()
  private closing = false
  private readonly historyTimer: NodeJS.Timeout | undefined
  private readonly unsubscribeHealth: (() => void) | undefined

  constructor(private readonly opts: BoardRegistryOptions) {
    const interval = opts.snapshotIntervalMs ?? 0
    if (opts.history && interval > 0) {
      this.historyTimer = setInterval(() => this.takeDueSnapshots(interval), Math.min(interval, 60_000))
      this.historyTimer.unref()
    }
    this.unsubscribeHealth = opts.storageHealth?.subscribe((failing) => this.tellStorageState(failing))
  }

  /**
   * Every client on every loaded board learns at once that the server cannot save (or can again).
   * The database is shared, so one board failing means every board's next write fails too. Why the
   * "saving" notice is safe to send at once: it is sent after the recovering writer released the held
   * updates, and on the same sockets, so a client sees them before it is told all is well.
   */
  private tellStorageState(failing: boolean): void {
    const frame = new Frame(failing
      ? storageStateMessage(StorageState.failing, STORAGE_FAILING_REASON)
      : storageStateMessage(StorageState.saving, 'Saving again'))
    for (const board of this.boards.values()) for (const c of board.connections) c.sendFrame(frame)
  }

  /** A history snapshot of every loaded board that changed and whose last one is `interval` old. */
  private takeDueSnapshots(interval: number): void {
    const now = Date.now()
    for (const board of this.boards.values()) {
      if (board.isReady && board.changedSinceHistory && now - board.historyAt >= interval) this.snapshotHistory(board, interval)
    }
  }

  /**
   * With several instances (REDIS_URL) each holding the board, the newest snapshot any of them took
   * may stand for this one (HistorySink.saveSnapshotOnce), so the board gets one per interval, not
   * one per instance. Periodic snapshots (`interval`): one taken less than the interval ago stands.
   * The last state of a session (unload, shutdown): one taken since this instance last stored a
   * change, and holding every edit this doc has (its state vector covers ours), stands; so instances
   * letting the board go together take one between them, and none loses the end of its session.
   */
  private snapshotHistory(board: Board, interval?: number): void {
    const history = this.opts.history
    if (!history || !board.isReady) return
    try {
      const now = Date.now()
      if (this.opts.relay?.shared && history.saveSnapshotOnce) {
        const ours = Y.decodeStateVector(Y.encodeStateVector(board.doc))
        const standsFor = interval !== undefined
          ? (latest: { at: number }) => now - latest.at < interval
          : (latest: { at: number; state: Uint8Array }) => latest.at >= board.changedAt && covers(latest.state, ours)
        const standing = history.saveSnapshotOnce(board.id, Y.encodeStateAsUpdate(board.doc), now, standsFor)
        // Skipped: the changes since stay marked, so this instance takes the next one if it still
        // holds the board when that is due (the instance that took this one may let it go first).
        if (standing.saved) board.changedSinceHistory = false
        board.historyAt = standing.at
        return
      }
      history.saveSnapshot(board.id, Y.encodeStateAsUpdate(board.doc), now)
      board.changedSinceHistory = false
      board.historyAt = now
    } catch (err) {
      // History is a safety net, not the board itself: the board's own storage is unaffected.
      this.opts.log(`board ${board.id}: history snapshot failed: ${String(err)}`)
    }
  }

  /**
   * Make a server-side change on a board (a restore), loading it if nobody has it open. Resolves
   * once the change is durable; rejects if the board could not be loaded.
   */
  async serverEdit(boardId: string, edit: ServerEdit, change: (doc: Y.Doc) => void): Promise<void> {
    const board = this.getOrCreate(boardId)
    clearTimeout(board.unloadTimer)
    await board.loaded
    try {
      if (!board.isReady) throw new Error(`Board ${boardId} could not be loaded`)
      await board.serverEdit(edit, change)
    } finally {
      // Lifecycle edge: loaded for this edit alone, it unloads like a board whose last client left.
      if (board.connections.size === 0 && this.boards.get(boardId) === board) this.scheduleUnload(board, this.opts.unloadDelayMs)
    }
  }

  get loadedCount(): number {
    let n = 0
    for (const b of this.boards.values()) if (b.isReady) n++
    return n
  }

  /** The in-memory doc of a loaded, ready board, if any. */
  loadedDoc(boardId: string): Y.Doc | undefined {
    const board = this.boards.get(boardId)
    return board?.isReady ? board.doc : undefined
  }

  /** What a loaded board's presence holds (tests, diagnostics); undefined when it is not in memory. */
  presenceStats(boardId: string): PresenceStats | undefined {
    return this.boards.get(boardId)?.presence.stats()
  }

  /** Put a new connection on its board, loading the board if it is not in memory. */
  attach(conn: BoardPeer): Board {
    const board = this.getOrCreate(conn.boardId)
    // Why this is safe while an unload is in progress: the board stays in the map until the
    // unload has flushed and re-checked that nobody attached meanwhile, so this connection is
    // served from the same complete doc and the unload is abandoned.
    board.attach(conn)
    return board
  }

  private getOrCreate(boardId: string): Board {
    let board = this.boards.get(boardId)
    if (!board) {
      board = new Board(boardId, this.opts)
      this.boards.set(board.id, board)
      const loading = board
      void loading.loaded.then(() => {
        // A board that failed to load is forgotten, so the next connection tries again.
        if (!loading.isReady && this.boards.get(loading.id) === loading) {
          this.boards.delete(loading.id)
          loading.destroy()
        }
      })
    }
    return board
  }

  detach(conn: BoardPeer, board: Board): void {
    board.detach(conn)
    if (board.connections.size === 0) this.scheduleUnload(board, this.opts.unloadDelayMs)
  }

  private scheduleUnload(board: Board, delayMs: number): void {
    if (this.closing) return
    clearTimeout(board.unloadTimer)
    board.unloadTimer = setTimeout(() => void this.tryUnload(board), delayMs)
  }

  private async tryUnload(board: Board): Promise<void> {
    if (board.connections.size > 0 || this.closing || this.boards.get(board.id) !== board) return
    try {
      await board.flush()
    } catch (err) {
      this.opts.log(`board ${board.id}: could not be saved before unloading, keeping it in memory: ${String(err)}`)
    }
    if (this.closing || this.boards.get(board.id) !== board) return
    // Lifecycle edge: during the await a client may have connected (it is using this doc, so the
    // board stays) or one may have come and gone leaving new updates (isClean is false). A board
    // that failed to save is never dropped; it is retried in the background and checked again later.
    if (board.connections.size > 0) return
    if (!board.isClean) {
      this.scheduleUnload(board, Math.max(this.opts.unloadDelayMs, 1_000))
      return
    }
    // The last state of a session goes into the history too, not only every SNAPSHOT_INTERVAL_MS.
    if (board.changedSinceHistory) this.snapshotHistory(board)
    this.boards.delete(board.id)
    board.destroy()
  }

  /** Shutdown has begun: connections closing now must not start unloads of their own. */
  stopUnloading(): void {
    this.closing = true
    clearInterval(this.historyTimer)
    this.unsubscribeHealth?.()
    for (const b of this.boards.values()) clearTimeout(b.unloadTimer)
  }

  /**
   * Shutdown: flush every board into its snapshot and drop it. Connections must already be closed.
   * Rejects (after trying every board) if any board could not be saved.
   */
  async closeAll(): Promise<void> {
    this.stopUnloading()
    const boards = [...this.boards.values()]
    const results = await Promise.allSettled(boards.map((b) => b.flush()))
    const failed: string[] = []
    results.forEach((r, i) => {
      if (r.status === 'rejected') {
        failed.push(boards[i].id)
        this.opts.log(`board ${boards[i].id}: FINAL SAVE FAILED, recent changes live only in the ` +
          `clients' local copies: ${String(r.reason)}`)
      }
    })
    for (const b of boards) if (b.changedSinceHistory) this.snapshotHistory(b)
    for (const b of boards) b.destroy()
    this.boards.clear()
    if (failed.length > 0) throw new Error(`Could not save board(s) ${failed.join(', ')} at shutdown`)
  }
}
