/**
 * Between the light view and the editor that takes its place. The light view shows a
 * phone the board before tldraw's code has arrived; the editor mounts underneath it as soon as that
 * code has run, and the light view steps aside only when the editor shows the same thing:
 *
 * - the camera: the light view's, kept on the editor while both are up, so nothing moves when the
 *   light view goes (`camera`, `moved`);
 * - what she asked for before the editor was there — add a need, open a pin, the panel, drawing —
 *   kept as an intent and done by the editor at the handover, so no tap is lost (`intent`);
 * - when the editor is ready to be seen: plan drawn, pins up (`editorReady`).
 *
 * One per opened board page; plain objects and listeners, no tldraw (it is in the light chunk).
 */
import type { Camera } from '../board'

export type LightIntent =
  /** ＋ 提需求: start placing a need. */
  | { kind: 'addNeed' }
  /** A pin: open its card. */
  | { kind: 'need'; needId: string }
  /** A "N 条需求" bubble: zoom into it (or list its needs). */
  | { kind: 'needGroup'; needIds: string[] }
  /** The panel's button. */
  | { kind: 'panel' }
  /** ✏️ 画图. */
  | { kind: 'draw' }

export interface LightState {
  camera: Camera | null
  /** She moved the plan herself: the editor keeps her view rather than fitting its own. */
  moved: boolean
  intent: LightIntent | null
  /** A finger is on the plan: the editor does not take over mid-gesture. */
  pressed: boolean
  /** The editor under the light view draws the plan and the pins: it may be shown. */
  editorReady: boolean
  /** The light view has gone; the editor is what she sees. */
  handedOver: boolean
}

export interface LightSession {
  readonly boardId: string
  get(): LightState
  set(patch: Partial<LightState>): void
  listen(listener: (state: LightState) => void): () => void
}

export function createLightSession(boardId: string): LightSession {
  let state: LightState = { camera: null, moved: false, intent: null, pressed: false, editorReady: false, handedOver: false }
  const listeners = new Set<(state: LightState) => void>()
  return {
    boardId,
    get: () => state,
    set: (patch) => {
      state = { ...state, ...patch }
      for (const listener of [...listeners]) listener(state)
    },
    listen: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
