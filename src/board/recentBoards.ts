/**
 * Boards used on this device, remembered in localStorage: id, name and when last opened, newest
 * first. Only a convenience list — removing an entry never touches the board itself.
 */
import { browserStore, readJson, writeJson, type KeyValueStore } from '../device/localStore'
import { BOARD_NAME_MAX, isValidBoardId } from '../shared/boardId'
import { isObject } from '../shared/guards'

export interface RecentBoard {
  id: string
  name: string
  /** ms since the epoch */
  lastOpened: number
}

export const RECENT_BOARDS_KEY = 'recentBoards'
/** Enough for a season of workshops; older entries fall off the end. */
export const RECENT_BOARDS_MAX = 50

function isRecentBoard(value: unknown): value is RecentBoard {
  if (!isObject(value)) return false
  const v = value
  return typeof v.id === 'string' && isValidBoardId(v.id) && typeof v.name === 'string' &&
    typeof v.lastOpened === 'number' && Number.isFinite(v.lastOpened)
}

/** Newest first. Entries that are damaged (edited by hand, older format) are dropped, not fatal. */
export function loadRecentBoards(store: KeyValueStore | null = browserStore()): RecentBoard[] {
  const raw = readJson(RECENT_BOARDS_KEY, store)
  if (!Array.isArray(raw)) return []
  const seen = new Set<string>()
  return raw
    .filter(isRecentBoard)
    .sort((a, b) => b.lastOpened - a.lastOpened)
    .filter((b) => {
      if (seen.has(b.id)) return false
      seen.add(b.id)
      return true
    })
    .slice(0, RECENT_BOARDS_MAX)
}

function save(boards: RecentBoard[], store: KeyValueStore | null): void {
  writeJson(RECENT_BOARDS_KEY, boards, store)
  notify()
}

/** Record that a board was opened now (moves it to the top, refreshes its name). */
export function rememberBoard(
  board: { id: string; name: string },
  store: KeyValueStore | null = browserStore(),
  now = Date.now(),
): RecentBoard[] {
  const entry: RecentBoard = { id: board.id, name: board.name.slice(0, BOARD_NAME_MAX), lastOpened: now }
  const next = [entry, ...loadRecentBoards(store).filter((b) => b.id !== board.id)].slice(0, RECENT_BOARDS_MAX)
  save(next, store)
  return next
}

export function forgetBoard(id: string, store: KeyValueStore | null = browserStore()): RecentBoard[] {
  const next = loadRecentBoards(store).filter((b) => b.id !== id)
  save(next, store)
  return next
}

export function findRecentBoard(id: string, store: KeyValueStore | null = browserStore()): RecentBoard | undefined {
  return loadRecentBoards(store).find((b) => b.id === id)
}

// Other tabs change the list too; the home page listens so it never shows a stale list.
const listeners = new Set<() => void>()

function notify(): void {
  for (const listener of listeners) listener()
}

export function subscribeRecentBoards(listener: () => void): () => void {
  listeners.add(listener)
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key.endsWith(RECENT_BOARDS_KEY)) listener()
  }
  window.addEventListener('storage', onStorage)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('storage', onStorage)
  }
}
