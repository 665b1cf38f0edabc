/**
 * A board connection opened before its editor: the light view (src/lightView) connects as soon as
 * the page knows the board, while tldraw's code is still on its way, and openBoard adopts that
 * connection instead of downloading the board a second time.
 *
 * Lifecycle: one waiting connection per key. `adoptPreopened` hands it over once; from then on the
 * session that adopted it closes it. `releasePreopened` (the light view going away) closes it only
 * if nobody adopted it — a page left before its editor came must not keep a socket open.
 */
import { connectBoard, connectionKey, type BoardConnection, type BoardConnectionOptions } from './boardConnection'

const waiting = new Map<string, BoardConnection>()

/** Open (or find the already waiting) connection for these options. */
export function preopenBoard(options: BoardConnectionOptions): BoardConnection {
  const key = connectionKey(options)
  let connection = waiting.get(key)
  if (!connection) {
    connection = connectBoard(options)
    waiting.set(key, connection)
  }
  return connection
}

/** The waiting connection for these options, now owned by the caller; null if there is none. */
export function adoptPreopened(options: Pick<BoardConnectionOptions, 'boardId' | 'syncUrl' | 'params'>): BoardConnection | null {
  const key = connectionKey(options)
  const connection = waiting.get(key) ?? null
  if (connection) waiting.delete(key)
  return connection
}

/** The opener no longer needs it: closed unless an editor adopted it. */
export function releasePreopened(connection: BoardConnection): void {
  if (waiting.get(connection.key) !== connection) return
  waiting.delete(connection.key)
  connection.close()
}
