/**
 * Who is drawing on this device: a stable id, the name they gave (asked once) and a colour.
 * Remembered in localStorage and shared by every board; other tabs see changes through the
 * `storage` event. Not an identity in any security sense — anyone can type any name.
 */
import { useSyncExternalStore } from 'react'
import { randomId, readJson, writeJson } from '../device/localStore'
import { isObject } from '../shared/guards'

export interface Participant {
  id: string
  /** null until the person has told us their name. */
  name: string | null
  /** '#rrggbb', first picked at random from PARTICIPANT_COLORS. */
  color: string
}

export const PARTICIPANT_NAME_MAX = 40

/**
 * Clear, distinct colours dark enough for white text on them (tldraw draws the name tag in the
 * participant's colour with white letters) and none of them the red used for error messages.
 */
export const PARTICIPANT_COLORS = [
  '#1864ab', // blue
  '#0b7285', // teal
  '#2b8a3e', // green
  '#5c7c0a', // olive
  '#a35200', // amber brown
  '#c2410c', // orange
  '#a61e4d', // raspberry
  '#862e9c', // purple
  '#5f3dc4', // violet
  '#495057', // slate
] as const

const PARTICIPANT_KEY = 'participant'
const HEX_COLOR = /^#[0-9a-fA-F]{6}$/

function randomColor(): string {
  const [n] = crypto.getRandomValues(new Uint32Array(1))
  return PARTICIPANT_COLORS[n % PARTICIPANT_COLORS.length]
}

export function cleanName(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim()
}

function read(): Participant {
  const raw = readJson(PARTICIPANT_KEY)
  const v = isObject(raw) ? raw : {}
  const saved: Participant = {
    id: typeof v.id === 'string' && /^[\w-]{8,64}$/.test(v.id) ? v.id : randomId(),
    name: typeof v.name === 'string' && cleanName(v.name) ? cleanName(v.name).slice(0, PARTICIPANT_NAME_MAX) : null,
    // Any hex colour is kept: tldraw's own menus may offer colours outside our palette.
    color: typeof v.color === 'string' && HEX_COLOR.test(v.color) ? v.color : randomColor(),
  }
  // Persist a freshly made id/colour at once, so a second tab does not invent different ones.
  if (saved.id !== v.id || saved.color !== v.color) writeJson(PARTICIPANT_KEY, saved)
  return saved
}

let current: Participant | null = null
const listeners = new Set<() => void>()

export function getParticipant(): Participant {
  current ??= read()
  return current
}

export function updateParticipant(patch: Partial<Pick<Participant, 'name' | 'color'>>): void {
  const prev = getParticipant()
  const next: Participant = {
    ...prev,
    ...(patch.name !== undefined && { name: patch.name ? cleanName(patch.name).slice(0, PARTICIPANT_NAME_MAX) : null }),
    ...(patch.color !== undefined && HEX_COLOR.test(patch.color) && { color: patch.color }),
  }
  if (next.name === prev.name && next.color === prev.color) return
  current = next
  writeJson(PARTICIPANT_KEY, next)
  for (const listener of listeners) listener()
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key.endsWith(PARTICIPANT_KEY)) {
      current = null
      listener()
    }
  }
  window.addEventListener('storage', onStorage)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('storage', onStorage)
  }
}

export function useParticipant(): Participant {
  return useSyncExternalStore(subscribe, getParticipant)
}
