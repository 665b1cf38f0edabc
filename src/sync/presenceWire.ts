/**
 * Presence on the wire, compact. The awareness protocol sends a person's whole
 * state with every change, and tldraw's `instance_presence` record is about 600 bytes of JSON — at 20
 * moves a second, ten moving cursors cost a watching phone ~120 KB/s. Packed, a move is ~50 bytes:
 * only what changes (cursor, camera, viewport, page, selection), numbers rounded to what the screen
 * can show, defaults left out, and everything derivable (id, user id, name, colour) taken from the
 * `user` part of the state, which the server stamps anyway.
 *
 * Awareness state of our client: `{ user: { id, name, color, role? }, p: PackedPresence }`
 * (docs/board-format.md). Runtime-neutral: no DOM, only tldraw's types.
 */
import type { TLInstancePresence } from 'tldraw'

/**
 * `[1, cursorX, cursorY, cursorType, cursorRotation, pageId, cameraX, cameraY, cameraZ, screenX,
 * screenY, screenW, screenH, selectedShapeIds?, followingUserId?, chatMessage?, brush?, scribbles?]`.
 * `cursorType` 0 = 'default', `cursorRotation` in radians (0 mostly), `pageId` 0 = 'page:page'.
 * Trailing entries equal to their default (none, '', []) are left out.
 */
export type PackedPresence = unknown[]

export const PRESENCE_WIRE_VERSION = 1
const FIRST_PAGE = 'page:page'

const r1 = (n: number) => Math.round(n * 10) / 10
const r3 = (n: number) => Math.round(n * 1000) / 1000

/** The parts of a presence record that travel (the rest comes from the sender's `user`). */
export type PresenceParts = Pick<TLInstancePresence,
  'cursor' | 'currentPageId' | 'camera' | 'screenBounds' | 'selectedShapeIds' | 'followingUserId' | 'chatMessage' | 'brush' | 'scribbles'>

export function packPresence(p: PresenceParts): PackedPresence {
  const cursor = p.cursor ?? { x: 0, y: 0, type: 'default', rotation: 0 }
  const camera = p.camera ?? { x: 0, y: 0, z: 1 }
  const sb = p.screenBounds ?? { x: 0, y: 0, w: 0, h: 0 }
  const out: unknown[] = [
    PRESENCE_WIRE_VERSION,
    r1(cursor.x), r1(cursor.y), cursor.type === 'default' ? 0 : cursor.type, r3(cursor.rotation),
    p.currentPageId === FIRST_PAGE ? 0 : p.currentPageId,
    r1(camera.x), r1(camera.y), r3(camera.z),
    Math.round(sb.x), Math.round(sb.y), Math.round(sb.w), Math.round(sb.h),
    p.selectedShapeIds ?? [],
    p.followingUserId ?? null,
    p.chatMessage ?? '',
    p.brush ? [r1(p.brush.x), r1(p.brush.y), r1(p.brush.w), r1(p.brush.h)] : null,
    p.scribbles ?? [],
  ]
  // Trailing defaults cost bytes on every move and say nothing.
  const isDefault = (v: unknown) => v === null || v === '' || (Array.isArray(v) && v.length === 0)
  while (out.length > 13 && isDefault(out[out.length - 1])) out.pop()
  return out
}

const num = (v: unknown, fallback = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback)
const str = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback)

/** The parts back from their packed form; null when it is not one we can read (another version, garbage). */
export function unpackPresence(packed: unknown): PresenceParts | null {
  if (!Array.isArray(packed) || packed[0] !== PRESENCE_WIRE_VERSION || packed.length < 13) return null
  const a = packed
  const brush = Array.isArray(a[16]) && a[16].length === 4 ? { x: num(a[16][0]), y: num(a[16][1]), w: num(a[16][2]), h: num(a[16][3]) } : null
  return {
    cursor: { x: num(a[1]), y: num(a[2]), type: a[3] === 0 ? 'default' : str(a[3], 'default'), rotation: num(a[4]) },
    // Casts below: tldraw's ids are branded strings and its scribbles a type of its own; each part is checked for its JSON kind first.
    currentPageId: (a[5] === 0 ? FIRST_PAGE : str(a[5], FIRST_PAGE)) as TLInstancePresence['currentPageId'],
    camera: { x: num(a[6]), y: num(a[7]), z: num(a[8], 1) },
    screenBounds: { x: num(a[9]), y: num(a[10]), w: num(a[11]), h: num(a[12]) },
    selectedShapeIds: (Array.isArray(a[13]) ? a[13].filter((id) => typeof id === 'string') : []) as TLInstancePresence['selectedShapeIds'],
    followingUserId: (typeof a[14] === 'string' ? a[14] : null) as TLInstancePresence['followingUserId'],
    chatMessage: str(a[15], ''),
    brush,
    scribbles: (Array.isArray(a[17]) ? a[17] : []) as TLInstancePresence['scribbles'],
  }
}
