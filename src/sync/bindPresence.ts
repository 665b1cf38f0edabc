/**
 * Presence over Yjs awareness: our cursor, selection and viewport go out packed (presenceWire.ts);
 * everyone else's come in as `instance_presence` records in the store, which is what tldraw's
 * cursors, people menu and `editor.startFollowingUser` read.
 *
 * Awareness state we send: `{ user: { id, name, color, role? }, p: PackedPresence | null }`. States
 * with a whole record instead (`presence: TLInstancePresence | null`, earlier versions) are read too.
 * A peer's role (project boards) reaches the store as the presence record's `meta.role`, where the
 * people list and the cursor labels read it (`presenceRole`); the participant the server stamped
 * (`user.pid`) as `meta.pid` (`presencePerson`).
 */
import type { Awareness } from 'y-protocols/awareness'
import {
  computed,
  createPresenceStateDerivation,
  createUserId,
  InstancePresenceRecordType,
  react,
  UserRecordType,
  type Signal,
  type TLInstancePresence,
  type TLStore,
  type TLUser,
} from 'tldraw'
import { isRole, type Role } from '../shared/workflow'
import { isObject } from '../shared/guards'
import type { LocalUser } from './types'
import { packPresence, unpackPresence, type PackedPresence } from './presenceWire'

/** Awareness state of an earlier version of the app (and of tools that send a whole tldraw record). */
export interface AwarenessState {
  user: LocalUser
  presence: TLInstancePresence | null
}

/** Awareness state as this version sends it: the presence packed (src/sync/presenceWire.ts). */
export interface WireState {
  user: LocalUser
  p: PackedPresence | null
}

/** Runs `fn` later; returns a cancel function. */
export type Scheduler = (fn: () => void) => () => void

/**
 * Our presence goes out at most this often: 20 a second. The server relays each person's latest
 * state at most once per PRESENCE_RELAY_MS (50 ms) anyway, so publishing once per animation frame
 * (up to 60 a second) would only cost the phone's uplink and the server's budget.
 */
export const PRESENCE_INTERVAL_MS = 50

/** A scheduler that runs at most once per `intervalMs`: at once after a pause, else when the interval is up. */
export function throttled(intervalMs: number, now: () => number = () => Date.now()): Scheduler {
  let last = -Infinity
  return (fn) => {
    const id = setTimeout(() => {
      last = now()
      fn()
    }, Math.max(0, last + intervalMs - now()))
    return () => clearTimeout(id)
  }
}

/** A participant id as the server stamps it (`user.pid`, server/sync/stampAwareness.ts). */
const PID = /^[\w-]{1,64}$/

/**
 * The participant behind a collaborator's presence on a project board, if the server vouched for
 * one: the same person on two devices has two presences with one `pid` (PeoplePanel lists them once).
 */
export function presencePerson(presence: Pick<TLInstancePresence, 'meta'>): string | undefined {
  const pid = presence.meta?.pid
  return typeof pid === 'string' && PID.test(pid) ? pid : undefined
}

/** The role a collaborator's presence record carries, if any (set from their awareness state). */
export function presenceRole(presence: Pick<TLInstancePresence, 'meta'>): Role | undefined {
  const role = presence.meta?.role
  return isRole(role) ? role : undefined
}

export function toTLUser(user: LocalUser): TLUser {
  return UserRecordType.create({ id: createUserId(user.id), name: user.name, color: user.color })
}

/** The store id of the presence record for one awareness client. */
export function presenceIdFor(clientId: number): TLInstancePresence['id'] {
  return InstancePresenceRecordType.createId(`client-${clientId}`)
}

export function bindPresence(
  store: TLStore,
  awareness: Awareness,
  $user: Signal<LocalUser>,
  schedule: Scheduler = throttled(PRESENCE_INTERVAL_MS),
): () => void {
  const $tlUser = computed('presence user', () => toTLUser($user.get()))
  const $presence = createPresenceStateDerivation($tlUser, { instanceId: presenceIdFor(awareness.clientID) })(store)

  // Pointer moves recompute presence many times a frame; the network gets at most one per interval.
  let pending = false
  let cancelPending = () => {}
  let lastSent = ''
  const publish = () => {
    pending = false
    const presence = $presence.get()
    const state: WireState = { user: { ...$user.get() }, p: presence ? packPresence(presence) : null }
    // Only what others can see: a change of the activity time alone is not sent (the awareness
    // protocol renews the state every 15 s by itself, and receivers stamp activity on change).
    const json = JSON.stringify(state)
    if (json === lastSent) return
    lastSent = json
    awareness.setLocalState(state)
  }
  const stopReacting = react('presence to awareness', () => {
    $presence.get()
    $user.get()
    if (pending) return
    pending = true
    cancelPending = schedule(publish)
  })

  /**
   * tldraw hides a collaborator whose lastActivityTimestamp is a minute old by *our* clock, so a
   * phone whose clock is off by minutes would have its cursor hidden. Re-stamp each remote activity
   * with our own clock when it changes (a newcomer counts as active now).
   */
  const activity = new Map<number, { remote: number | string; local: number }>()
  const localActivity = (clientId: number, remote: unknown): number | null => {
    if (typeof remote !== 'number' && typeof remote !== 'string') return null
    const seen = activity.get(clientId)
    if (seen && seen.remote === remote) return seen.local
    const local = Date.now()
    activity.set(clientId, { remote, local })
    return local
  }

  const warned = new Set<number>()
  const mine = new Set<TLInstancePresence['id']>()

  const apply = (puts: [number, TLInstancePresence][], removeIds: TLInstancePresence['id'][]) => {
    store.mergeRemoteChanges(() => {
      for (const [clientId, record] of puts) {
        try {
          store.put([record])
          mine.add(record.id)
        } catch (error) {
          // Another app version's presence can fail our validation: no cursor for them, nothing else.
          if (!warned.has(clientId)) console.warn('[sync] ignored a participant\'s presence', error)
          warned.add(clientId)
        }
      }
      const present = removeIds.filter((id) => store.has(id))
      for (const id of removeIds) mine.delete(id)
      if (present.length > 0) store.remove(present)
    })
  }

  // A peer's state is whatever it sent (an AwarenessState, a WireState or anything else): each
  // field is checked before use.
  const recordFor = (clientId: number): TLInstancePresence | null => {
    const state: unknown = awareness.getStates().get(clientId)
    if (!isObject(state)) return null
    if ('p' in state) return packedRecordFor(clientId, state)
    const presence = state.presence
    if (!isObject(presence) || presence.typeName !== 'instance_presence') return null
    const role = isObject(state.user) ? state.user.role : undefined
    // Only a known role is passed on, so whatever a peer sends, the UI shows one of our labels.
    const meta: Record<string, unknown> = { ...(presence.meta !== null && typeof presence.meta === 'object' ? presence.meta : {}) }
    delete meta.role
    delete meta.pid
    if (isRole(role)) meta.role = role
    const pid = isObject(state.user) ? state.user.pid : undefined
    if (typeof pid === 'string' && PID.test(pid)) meta.pid = pid
    const record = {
      ...presence,
      id: presenceIdFor(clientId),
      meta,
      lastActivityTimestamp: localActivity(clientId, presence.lastActivityTimestamp),
    }
    // Cast: a whole tldraw record as an older peer sent it, checked only by its typeName here;
    // tldraw's own validator checks the rest when it is put into the store (apply, below).
    return record as TLInstancePresence
  }

  /** A peer of this version: packed parts, and id, name and colour from its (server-stamped) `user`. */
  const packedRecordFor = (clientId: number, state: Record<string, unknown>): TLInstancePresence | null => {
    const parts = unpackPresence(state.p)
    const user = state.user
    if (!parts || !isObject(user) || typeof user.id !== 'string') return null
    const meta: Record<string, string> = {}
    if (isRole(user.role)) meta.role = user.role
    const pid = user.pid
    if (typeof pid === 'string' && PID.test(pid)) meta.pid = pid
    return InstancePresenceRecordType.create({
      ...parts,
      id: presenceIdFor(clientId),
      userId: createUserId(user.id),
      userName: typeof user.name === 'string' ? user.name : '',
      color: typeof user.color === 'string' ? user.color : '#495057',
      lastActivityTimestamp: localActivity(clientId, JSON.stringify(state.p)),
      meta,
    })
  }

  const onChange = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    const puts: [number, TLInstancePresence][] = []
    const removeIds: TLInstancePresence['id'][] = []
    for (const clientId of [...added, ...updated]) {
      if (clientId === awareness.clientID) continue
      const record = recordFor(clientId)
      if (record) puts.push([clientId, record])
      else removeIds.push(presenceIdFor(clientId))
    }
    for (const clientId of removed) {
      removeIds.push(presenceIdFor(clientId))
      activity.delete(clientId)
    }
    if (puts.length > 0 || removeIds.length > 0) apply(puts, removeIds)
  }

  awareness.on('change', onChange)
  onChange({ added: [...awareness.getStates().keys()], updated: [], removed: [] })

  return () => {
    stopReacting()
    cancelPending()
    awareness.off('change', onChange)
    // Tell the others at once rather than after the awareness timeout (30 s).
    awareness.setLocalState(null)
    apply([], [...mine])
  }
}
