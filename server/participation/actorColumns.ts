/** People in participation rows: (id, name, role) columns as stored, and the Actor the API shows. */
import type { Actor } from '../../src/shared/participation.js'
import { isRole } from '../../src/shared/workflow.js'
import { storedValue } from '../storage/storedValue.js'

export function actor(id: string | null, name: string, role: string): Actor {
  return { participantId: id, name, role: storedValue(isRole, role, 'the role column of an actor') }
}

/** An optional actor (resolved by, closed by…): null when its name column is null. */
export function maybeActor(id: string | null, name: string | null, role: string | null): Actor | null {
  return name === null || role === null ? null : actor(id, name, role)
}

/** The three column values of an actor, in (id, name, role) order. */
export function actorValues(a: Actor | null): [string | null, string | null, string | null] {
  return a ? [a.participantId, a.name, a.role] : [null, null, null]
}
