/**
 * The projects this device has a role link for, remembered in localStorage: one entry per project,
 * holding the token to act with, so `/p/<projectId>` can open the project without the link in the URL.
 * After joining that is the person's own token (JoinResponse.token); the role link's token is kept
 * beside it (`linkToken`) so opening the same link again is recognised.
 *
 * Security decision: the token is a capability (whoever holds it acts in its role), and it is kept
 * here in plain text because there is no account to keep it anywhere else. That is the same trust
 * the person already gives this browser for the link itself (history, bookmarks). The token is
 * never put in a path or query the browser could send to a server; it travels only in the
 * Authorization header, the sync socket's query and the event stream's query, all to our own server.
 */
import { useSyncExternalStore } from 'react'
import { browserStore, readString, writeJson, type KeyValueStore } from '../device/localStore'
import { isValidBoardId } from '../shared/boardId'
import { isObject } from '../shared/guards'
import { PROJECT_ACCESS_KEY } from './accessKey'
import type { JoinResponse } from '../shared/projectApi'
import { isRole, type Role } from '../shared/workflow'

export interface ProjectAccess {
  projectId: string
  /**
   * The token to act with: the personal token from joining, or — before this device joined as a
   * person (participantId null, e.g. the creator right after creating) — the role link's token.
   */
  token: string
  /** The role link's token this device joined through; absent in entries saved before personal tokens. */
  linkToken?: string
  role: Role
  projectName: string
  /** The display name this device joined with ('' when it has not joined, e.g. the creator). */
  name: string
  /** Building / unit a resident gave when joining ('' when none). */
  unit: string
  /** The server's participant id from joining; null when this device has not joined as a person. */
  participantId: string | null
  /** ms since the epoch */
  joinedAt: number
  lastOpened: number
}

export { PROJECT_ACCESS_KEY }

/** Loose on purpose: the server decides what a valid token is; this only keeps junk out. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,256}$/

/** Whether a value could be a token worth keeping (the server decides whether it is valid). */
export const isAccessToken = (v: unknown): v is string => typeof v === 'string' && TOKEN_PATTERN.test(v)
const TEXT_MAX = 2000

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0
const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= TEXT_MAX

export function isProjectAccess(value: unknown): value is ProjectAccess {
  if (!isObject(value)) return false
  const v = value
  return typeof v.projectId === 'string' && isValidBoardId(v.projectId) &&
    isAccessToken(v.token) && (v.linkToken === undefined || isAccessToken(v.linkToken)) &&
    isRole(v.role) && isText(v.projectName) && isText(v.name) && isText(v.unit) &&
    (v.participantId === null || (typeof v.participantId === 'string' && v.participantId.length <= 200)) &&
    isTime(v.joinedAt) && isTime(v.lastOpened)
}

/**
 * Newest first, one per project. Damaged entries (edited by hand, an older format) are dropped,
 * never fatal: a broken list must not keep anyone from the home page.
 */
function parse(raw: string | null): ProjectAccess[] {
  if (raw === null) return []
  let data: unknown
  try {
    data = JSON.parse(raw)
  } catch {
    return []
  }
  if (!Array.isArray(data)) return []
  const seen = new Set<string>()
  return data
    .filter(isProjectAccess)
    .map((e): ProjectAccess => ({
      projectId: e.projectId, token: e.token, ...(e.linkToken !== undefined && { linkToken: e.linkToken }),
      role: e.role, projectName: e.projectName, name: e.name, unit: e.unit, participantId: e.participantId,
      joinedAt: e.joinedAt, lastOpened: e.lastOpened,
    }))
    .sort((a, b) => b.lastOpened - a.lastOpened)
    .filter((e) => {
      if (seen.has(e.projectId)) return false
      seen.add(e.projectId)
      return true
    })
}

export function listAccess(store: KeyValueStore | null = browserStore()): ProjectAccess[] {
  return parse(readString(PROJECT_ACCESS_KEY, store))
}

export function getAccess(projectId: string, store: KeyValueStore | null = browserStore()): ProjectAccess | undefined {
  return listAccess(store).find((e) => e.projectId === projectId)
}

function save(entries: ProjectAccess[], store: KeyValueStore | null): void {
  writeJson(PROJECT_ACCESS_KEY, entries, store)
  notify()
}

/**
 * Remember a link for a project. A newer link for the same project replaces the old one (a resident
 * later given a committee link becomes committee on this device). No cap on the list: dropping an
 * entry would silently lose a token, possibly the only copy of an organizer link.
 */
export function saveAccess(entry: ProjectAccess, store: KeyValueStore | null = browserStore()): ProjectAccess[] {
  if (!isProjectAccess(entry)) throw new TypeError('Not a valid project access entry')
  const next = [entry, ...listAccess(store).filter((e) => e.projectId !== entry.projectId)]
  save(next, store)
  return next.sort((a, b) => b.lastOpened - a.lastOpened)
}

/** The role link's token behind an entry (entries from before personal tokens hold it as `token`). */
export function linkTokenOf(entry: ProjectAccess): string {
  return entry.linkToken ?? entry.token
}

/**
 * The entry after joining as a person: from now on the personal token is the one to act with
 * (the server then knows who acts and shows their name to the others); the link's token is kept.
 */
export function accessAfterJoin(
  entry: Omit<ProjectAccess, 'token' | 'linkToken' | 'participantId' | 'joinedAt'>,
  linkToken: string,
  answer: JoinResponse,
): ProjectAccess {
  return {
    ...entry,
    token: answer.token,
    linkToken,
    participantId: answer.participant.id,
    joinedAt: typeof answer.participant.joinedAt === 'number' ? answer.participant.joinedAt : entry.lastOpened,
  }
}

export function removeAccess(projectId: string, store: KeyValueStore | null = browserStore()): ProjectAccess[] {
  const next = listAccess(store).filter((e) => e.projectId !== projectId)
  save(next, store)
  return next
}

/**
 * Record that the project was opened now; refresh its name when the board learnt a newer one, and
 * the person's name after they renamed themselves.
 */
export function touch(
  projectId: string,
  update: { projectName?: string; name?: string } = {},
  store: KeyValueStore | null = browserStore(),
  now = Date.now(),
): ProjectAccess | undefined {
  const entries = listAccess(store)
  const entry = entries.find((e) => e.projectId === projectId)
  if (!entry) return undefined
  const next: ProjectAccess = {
    ...entry,
    lastOpened: now,
    ...(typeof update.projectName === 'string' && { projectName: update.projectName.slice(0, TEXT_MAX) }),
    ...(typeof update.name === 'string' && { name: update.name.slice(0, TEXT_MAX) }),
  }
  save([next, ...entries.filter((e) => e !== entry)], store)
  return next
}

// Other tabs change the list too (a link joined in another tab): listen so no page shows a stale list.
const listeners = new Set<() => void>()

function notify(): void {
  for (const listener of listeners) listener()
}

export function subscribeAccess(listener: () => void): () => void {
  listeners.add(listener)
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key.endsWith(PROJECT_ACCESS_KEY)) listener()
  }
  window.addEventListener('storage', onStorage)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('storage', onStorage)
  }
}

// useSyncExternalStore needs the same array back while nothing changed: cache by the stored text.
let cached: { raw: string | null; list: ProjectAccess[] } = { raw: null, list: [] }

function snapshot(): ProjectAccess[] {
  const raw = readString(PROJECT_ACCESS_KEY)
  if (raw !== cached.raw) cached = { raw, list: parse(raw) }
  return cached.list
}

const serverSnapshot = (): ProjectAccess[] => []

/** This device's projects, newest first; re-renders when any tab changes the list. */
export function useProjectAccessList(): ProjectAccess[] {
  return useSyncExternalStore(subscribeAccess, snapshot, serverSnapshot)
}
