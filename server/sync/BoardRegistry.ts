/**
 * The boards in memory, by id: loads a board on its first connection (one shared load however
 * many connect at once), unloads it some time after its last connection left, flushes all at shutdown.
 */
import type * as Y from 'yjs'
import type { Storage } from '../storage/Storage.js'
import { Board } from './Board.js'
import type { Connection } from './Connection.js'

export interface BoardRegistryOptions {
  storage: Storage
  compactAfterUpdates: number
  unloadDelayMs: number
  maxBufferedBytes: number
  log: (line: string) => void
}

export class BoardRegistry {
  private readonly boards = new Map<string, Board>()
  private closing = false

  constructor(private readonly opts: BoardRegistryOptions) {}

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

  /** Put a new connection on its board, loading the board if it is not in memory. */
  attach(conn: Connection): Board {
    let board = this.boards.get(conn.boardId)
    if (!board) {
      board = new Board(conn.boardId, this.opts)
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
    // Why this is safe while an unload is in progress: the board stays in the map until the
    // unload has flushed and re-checked that nobody attached meanwhile, so this connection is
    // served from the same complete doc and the unload is abandoned.
    board.attach(conn)
    return board
  }

  detach(conn: Connection, board: Board): void {
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
    this.boards.delete(board.id)
    board.destroy()
  }

  /** Shutdown has begun: connections closing now must not start unloads of their own. */
  stopUnloading(): void {
    this.closing = true
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
    for (const b of boards) b.destroy()
    this.boards.clear()
    if (failed.length > 0) throw new Error(`Could not save board(s) ${failed.join(', ')} at shutdown`)
  }
}
