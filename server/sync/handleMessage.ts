/**
 * Decodes one binary frame from a client and dispatches it by message type (docs/protocol.md has
 * the table). Throws BadMessageError for anything that is not a well-formed y-websocket message.
 */
import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import { CloseCode, MessageType } from '../../src/shared/protocol.js'
import type { BoardPeer } from './BoardPeer.js'

/** What the handlers need from the board the connection is on. */
export interface MessageTarget {
  /** Reply to sync step 1 with sync step 2 (everything the client lacks). */
  answerStep1(conn: BoardPeer, stateVector: Uint8Array): void
  /** Apply a client's update; throws if it is not a valid Yjs update. */
  applyUpdate(conn: BoardPeer, update: Uint8Array): void
  /** Apply a client's awareness update; throws if it cannot be decoded. */
  applyAwareness(conn: BoardPeer, update: Uint8Array): void
  sendAllAwareness(conn: BoardPeer): void
  /** Largest awareness update accepted (MAX_AWARENESS_BYTES). */
  readonly maxAwarenessBytes: number
}

/** Why a connection is closed; `closeCode` is the WebSocket close code (docs/protocol.md, "Close codes"). */
export class BadMessageError extends Error {
  readonly closeCode: number
  constructor(message: string, options?: { cause?: unknown; closeCode?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'BadMessageError'
    this.closeCode = options?.closeCode ?? CloseCode.badMessage
  }
}

/** An update with no structs and an empty delete set: what a client with nothing new sends. */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0
}

export function handleMessage(target: MessageTarget, conn: BoardPeer, data: Uint8Array): void {
  const decoder = decoding.createDecoder(data)
  let type: number
  try {
    type = decoding.readVarUint(decoder)
  } catch (err) {
    throw new BadMessageError('Empty or undecodable message', { cause: err })
  }
  switch (type) {
    case MessageType.sync:
      return handleSync(target, conn, decoder)
    case MessageType.awareness: {
      const update = readBytes(decoder, 'awareness')
      // Security: presence is relayed to everyone at once and kept in memory for every newcomer,
      // so one huge state would be copied to every phone on the board. A real one is a few hundred bytes.
      if (update.byteLength > target.maxAwarenessBytes) {
        throw new BadMessageError(`Presence (awareness) state larger than ${target.maxAwarenessBytes} bytes`, { closeCode: CloseCode.tooLarge })
      }
      return target.applyAwareness(conn, update)
    }
    case MessageType.queryAwareness:
      return target.sendAllAwareness(conn)
    case MessageType.auth:
      // Only the server sends auth messages; a client's is meaningless but harmless.
      return
    default:
      throw new BadMessageError(`Unknown message type ${type}`)
  }
}

function handleSync(target: MessageTarget, conn: BoardPeer, decoder: decoding.Decoder): void {
  let step: number
  try {
    step = decoding.readVarUint(decoder)
  } catch (err) {
    throw new BadMessageError('Truncated sync message', { cause: err })
  }
  switch (step) {
    case syncProtocol.messageYjsSyncStep1:
      return target.answerStep1(conn, readBytes(decoder, 'sync step 1'))
    case syncProtocol.messageYjsSyncStep2:
    case syncProtocol.messageYjsUpdate: {
      const update = readBytes(decoder, 'sync update')
      // An empty step 2 (every client sends one on connect) is dropped silently. Everything else
      // goes to the board's gate (UpdateGate), which refuses a read-only connection's changes
      // before they touch the doc, so they are never applied, stored or relayed.
      if (isEmptyUpdate(update)) return
      return target.applyUpdate(conn, update)
    }
    default:
      throw new BadMessageError(`Unknown sync message type ${step}`)
  }
}

function readBytes(decoder: decoding.Decoder, what: string): Uint8Array {
  try {
    return decoding.readVarUint8Array(decoder)
  } catch (err) {
    throw new BadMessageError(`Truncated ${what} message`, { cause: err })
  }
}
