/**
 * Presence authority: the server, not the client, decides the name and role shown for a connection
 * (docs/protocol.md, "Presence"). An awareness update is a list of (client id, clock, JSON state);
 * every state from a connection with a known identity is rewritten so that `user.role`, and when the
 * name is known `user.name` and `presence.userName`, and `user.pid` (the participant: one person's
 * devices are shown as one), say what the server vouches for, before the
 * update is applied to the board's awareness and relayed.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { PresenceIdentity } from './authorize.js'

type JsonObject = Record<string, unknown>

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The update with every state stamped. Throws on an update that cannot be decoded (the caller closes the connection). */
export function stampAwareness(update: Uint8Array, identity: PresenceIdentity): Uint8Array {
  const decoder = decoding.createDecoder(update)
  const encoder = encoding.createEncoder()
  const count = decoding.readVarUint(decoder)
  encoding.writeVarUint(encoder, count)
  for (let i = 0; i < count; i++) {
    encoding.writeVarUint(encoder, decoding.readVarUint(decoder)) // client id
    encoding.writeVarUint(encoder, decoding.readVarUint(decoder)) // clock
    encoding.writeVarString(encoder, stampState(decoding.readVarString(decoder), identity))
  }
  return encoding.toUint8Array(encoder)
}

function stampState(json: string, identity: PresenceIdentity): string {
  const state: unknown = JSON.parse(json)
  // `null` is a client leaving; anything that is not an object carries no name a client would show.
  if (!isObject(state)) return json
  const user: JsonObject = { ...(isObject(state.user) ? state.user : {}), role: identity.role }
  if (identity.name !== undefined) user.name = identity.name
  // Security: `pid` groups devices into one person in everyone's people list, so only the server
  // sets it; whatever a client put there is dropped (a bare role link has no participant).
  delete user.pid
  if (identity.participantId !== undefined) user.pid = identity.participantId
  const stamped: JsonObject = { ...state, user }
  // tldraw shows presence.userName on the cursor and in its people menu.
  if (identity.name !== undefined && isObject(state.presence)) stamped.presence = { ...state.presence, userName: identity.name }
  return JSON.stringify(stamped)
}
