/**
 * The tldraw store of one open board, with the signals tldraw's collaboration UI reads:
 * who we are (attribution, presence), whether we are online, and whether editing is allowed.
 */
import {
  atom,
  computed,
  createCachedUserResolve,
  createTLStore,
  createUserId,
  defaultBindingUtils,
  defaultShapeUtils,
  isUserId,
  UserRecordType,
  type Atom,
  type TLAssetStore,
  type TLStore,
  type TLUser,
} from 'tldraw'
import { toTLUser } from './bindPresence'
import type { LocalUser } from './types'

export interface BoardStore {
  store: TLStore
  $user: Atom<LocalUser>
  /** Read by tldraw (offline indicator in its people menu). */
  $connection: Atom<'online' | 'offline'>
  /** 'readonly' while the board's schema is newer than this app (see bindStoreToYDoc). */
  $mode: Atom<'readonly' | 'readwrite'>
}

export function createBoardStore(user: LocalUser, assets: TLAssetStore): BoardStore {
  const $user = atom<LocalUser>('local user', user)
  const $connection = atom<'online' | 'offline'>('connection', 'offline')
  const $mode = atom<'readonly' | 'readwrite'>('mode', 'readwrite')
  const $currentUser = computed<TLUser>('current user', () => toTLUser($user.get()))

  // Names for attribution labels: ourselves, a user record the board holds, or someone present.
  const resolve = createCachedUserResolve((userId) => {
    const id = createUserId(userId)
    const current = $currentUser.get()
    if (current.id === id || current.id === userId) return current
    // An older peer sent its user id unprefixed; a string without the prefix is no record's id.
    const stored = store.get(id) ?? (isUserId(userId) ? store.get(userId) : undefined)
    if (stored && stored.typeName === 'user') return stored
    const present = store.query.records('instance_presence').get().find((p) => p.userId === id || p.userId === userId)
    return present ? UserRecordType.create({ id, name: present.userName, color: present.color }) : null
  })

  const store = createTLStore({
    shapeUtils: defaultShapeUtils,
    bindingUtils: defaultBindingUtils,
    assets,
    users: { currentUser: $currentUser, resolve },
    collaboration: { status: $connection, mode: $mode },
  })
  return { store, $user, $connection, $mode }
}
