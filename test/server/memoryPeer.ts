/**
 * A board peer in memory, for tests that run a Board without ws or HTTP: a y-protocols client (its
 * own Y.Doc, sync steps, updates) on the BoardPeer seam (server/sync/BoardPeer.ts). Messages cross
 * in both directions on a later microtask, in order, as they would over a socket: never inside the
 * call that sent them.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { AuthMessageType, MessageType } from '../../src/shared/protocol.js'
import type { ConnectionGrant } from '../../server/sync/authorize.js'
import type { Board } from '../../server/sync/Board.js'
import type { BoardPeer } from '../../server/sync/BoardPeer.js'
import type { Frame } from '../../server/sync/Frame.js'

export const writer: ConnectionGrant = { canWrite: () => true }
export const viewer: ConnectionGrant = { canWrite: () => false }

/** A sync message carrying `update` (what y-websocket sends for a local change). */
export function updateMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MessageType.sync)
  syncProtocol.writeUpdate(e, update)
  return encoding.toUint8Array(e)
}

function step1Message(doc: Y.Doc): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MessageType.sync)
  syncProtocol.writeSyncStep1(e, doc)
  return encoding.toUint8Array(e)
}

export class MemoryPeer implements BoardPeer {
  readonly awarenessIds = new Set<number>()
  /** The client's copy of the board. */
  readonly doc = new Y.Doc()
  /** Codes of the refusals the board sent (auth messages of sub-type `refused`). */
  readonly refusals: string[] = []
  /** Sync messages received that carried document content (step 2 or update), in order. */
  readonly syncUpdates: Uint8Array[] = []
  closed: { code: number; reason: string } | undefined

  /**
   * `onUpdate` runs (synchronously, before the client applies it) for every sync message with
   * document content that reaches this peer: where a test sees the moment of relay.
   */
  constructor(
    private readonly board: Board,
    readonly grant: ConnectionGrant,
    private readonly onUpdate: (peer: MemoryPeer) => void = () => {},
  ) {
    // A local change goes to the board as a y-websocket client sends it.
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this) this.toBoard(updateMessage(update))
    })
  }

  get boardId(): string {
    return this.board.id
  }

  /** Join the board and start the sync handshake (the client's step 1), as a socket opening would. */
  connect(): void {
    this.board.attach(this)
    this.toBoard(step1Message(this.doc))
  }

  /** Send raw bytes to the board, on a later microtask. */
  toBoard(data: Uint8Array): void {
    queueMicrotask(() => this.board.receive(this, data))
  }

  get isOpen(): boolean {
    return this.closed === undefined
  }

  send(data: Uint8Array): void {
    if (!this.isOpen) return
    // A copy: the board may reuse nothing it sent, and a socket would not hand its buffer back either.
    const copy = data.slice()
    queueMicrotask(() => this.fromBoard(copy))
  }

  sendFrame(frame: Frame): void {
    // No per-peer work beyond what a socket write costs: the frame's payload, as ws.send would get it.
    this.send(frame.payload)
  }

  cork(): void {}
  uncork(): void {}

  close(code: number, reason: string): void {
    if (this.closed) return
    this.closed = { code, reason }
    queueMicrotask(() => this.board.detach(this))
  }

  /** An in-memory peer is alive as long as it is open. */
  probe(onAlive: () => void): void {
    if (this.isOpen) queueMicrotask(onAlive)
  }

  cancelProbe(): void {}

  terminate(): void {
    this.close(1006, '')
  }

  private fromBoard(data: Uint8Array): void {
    if (!this.isOpen) return
    const decoder = decoding.createDecoder(data)
    const type = decoding.readVarUint(decoder)
    if (type === MessageType.sync) {
      const step = data[1]
      if (step !== syncProtocol.messageYjsSyncStep1) {
        this.syncUpdates.push(data)
        this.onUpdate(this)
      }
      const reply = encoding.createEncoder()
      encoding.writeVarUint(reply, MessageType.sync)
      syncProtocol.readSyncMessage(decoder, reply, this.doc, this)
      if (encoding.length(reply) > 1) this.toBoard(encoding.toUint8Array(reply))
    } else if (type === MessageType.auth) {
      if (decoding.readVarUint(decoder) === AuthMessageType.refused) this.refusals.push(decoding.readVarString(decoder))
    }
  }
}
