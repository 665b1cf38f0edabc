/**
 * The contract between the sync layer (src/sync) and the board UI (src/board).
 */
import type { TLAssetStore, TLStoreWithStatus } from 'tldraw'
import type { Role } from '../shared/workflow'

/** What the connection indicator shows. `offline` = the browser reports no network. */
export type SyncStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline'

/** The local participant as shown to others (cursor label, people list). */
export interface LocalUser {
  /** Stable per device (localStorage), not secret. */
  id: string
  name: string
  /** CSS colour, e.g. '#e03131'. */
  color: string
  /**
   * On a project board: the role of the link this person joined with, shown to the others on the
   * cursor and in the people list. Stated by the client, so a label only, never a permission.
   */
  role?: Role
}

export interface BoardSyncOptions {
  boardId: string
  user: LocalUser
  assets: TLAssetStore
  /** Base URL of the sync endpoint, e.g. ws://host:8080/sync (the board id is appended by y-websocket). */
  syncUrl: string
  /** Query parameters of the sync connection, e.g. `{ token }` for a project board's role link. */
  params?: Record<string, string>
  /**
   * True while this person may not draw (project board, role × stage). tldraw then refuses every
   * edit and hides its drawing tools. Can change while open, without reconnecting.
   */
  readOnly?: boolean
}

export interface BoardSync {
  /** Pass straight to <Tldraw store={…}>. */
  storeWithStatus: TLStoreWithStatus
  status: SyncStatus
  /**
   * Set when the board was saved by a newer version of the app than this one (schema from the future):
   * the UI tells the user to reload. Records that fail validation are skipped, never fatal.
   */
  schemaError: string | null
  /**
   * (Optional, added by the sync layer.) Set when the server closed the connection for a reason
   * retrying cannot fix, e.g. `CloseCode.notFound` (src/shared/protocol.ts): the client stops
   * reconnecting and `status` stays 'reconnecting'; the UI should say why. Null otherwise.
   */
  serverClose?: { code: number; reason: string } | null
  /**
   * (Optional, added by the sync layer.) True while the server says it cannot save (its disk is
   * full…): others do not see this person's edits yet; they stay on this device and are saved and
   * passed on by themselves once the server recovers. The UI should say so.
   */
  storageFailing?: boolean
  /**
   * (Optional, added by the sync layer.) Set when the server refused a change of this person (a
   * RefusalCode, src/shared/boardRules.ts): the board has already been reopened as the server has
   * it; the UI says why the change did not stay, until `dismissRefused`.
   */
  refused?: string | null
  dismissRefused?: () => void
  /** (Optional.) The open board's Y.Doc, for readers of what the server records in it (who made what). */
  doc?: import('yjs').Doc | null
}
