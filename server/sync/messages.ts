/** Encoders for the y-websocket frames the server sends (docs/protocol.md, "Messages"). */
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import * as syncProtocol from 'y-protocols/sync'
import * as authProtocol from 'y-protocols/auth'
import { AuthMessageType, MessageType, type StorageState } from '../../src/shared/protocol.js'

function frame(type: number, write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, type)
  write(e)
  return encoding.toUint8Array(e)
}

export function syncStep1Message(doc: Y.Doc): Uint8Array {
  return frame(MessageType.sync, (e) => syncProtocol.writeSyncStep1(e, doc))
}

export function syncStep2Message(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  return frame(MessageType.sync, (e) => syncProtocol.writeSyncStep2(e, doc, stateVector))
}

export function updateMessage(update: Uint8Array): Uint8Array {
  return frame(MessageType.sync, (e) => syncProtocol.writeUpdate(e, update))
}


export function permissionDeniedMessage(reason: string): Uint8Array {
  return frame(MessageType.auth, (e) => authProtocol.writePermissionDenied(e, reason))
}

/**
 * Whether the server can save now (an auth message of sub-type `storage`, which stock y-websocket
 * clients read and ignore; docs/protocol.md, "Messages").
 */
export function storageStateMessage(state: StorageState, reason: string): Uint8Array {
  return frame(MessageType.auth, (e) => {
    encoding.writeVarUint(e, AuthMessageType.storage)
    encoding.writeVarUint(e, state)
    encoding.writeVarString(e, reason)
  })
}

/** The sender's update was refused and not applied (an auth message of sub-type `refused`, ignored by stock clients). */
export function refusedMessage(code: string, reason: string): Uint8Array {
  return frame(MessageType.auth, (e) => {
    encoding.writeVarUint(e, AuthMessageType.refused)
    encoding.writeVarString(e, code)
    encoding.writeVarString(e, reason.slice(0, 300))
  })
}
