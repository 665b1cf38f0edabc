/**
 * What other features may use of sync without tldraw: the board's connection (Y.Doc, y-websocket,
 * IndexedDB), its records and its URL — what the light view needs. The tldraw⇄Yjs side
 * (./useBoardSync, ./bindPresence, ./storeFromBoardUpdate) is imported by its own paths, from the
 * editor's chunk (eslint.config.js, FEATURE_PARTS).
 */
export type { BoardConnection, ConnectionState } from './boardConnection'
export { RECORDS_KEY, type RecordEntry, type StoredRecord } from './boardDoc'
export { preopenBoard, releasePreopened } from './preopenedBoards'
export { syncUrl } from './syncUrl'
export type { BoardSyncOptions, LocalUser, SyncStatus } from './types'
