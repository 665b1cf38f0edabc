/**
 * What the needs feature is doing on this device, per editor: placing a new need, which need's card
 * or form is open, which pin is highlighted. Shared by the canvas layer (NeedPins, which hosts the
 * pins, the place picker and every needs dialog) and the side panel's tab (NeedsTab), which live in
 * different parts of tldraw's tree. Atoms outside the store: none of this is shared with others.
 */
import { atom, type Atom, type Editor } from 'tldraw'

export type NeedSheet =
  | { kind: 'none' }
  /** Waiting for a tap on the plan. */
  | { kind: 'picking' }
  /** The add form, for the place tapped. */
  | { kind: 'add'; x: number; y: number }
  | { kind: 'edit'; needId: string }
  | { kind: 'card'; needId: string }
  /** The needs of a pin bubble that zooming in cannot pull apart (on the same spot): a list to pick from. */
  | { kind: 'group'; needIds: string[] }
  | { kind: 'merge'; needId: string }
  | { kind: 'categories' }

export interface NeedsUiState {
  sheet: Atom<NeedSheet>
  /** The pin to draw attention to (after a jump or an add), with a stamp so the same pin can flash again. */
  highlight: Atom<{ needId: string; at: number } | null>
  /** A short confirmation shown over the plan ("需求已提交"). */
  notice: Atom<{ text: string; at: number } | null>
  /** How many needs tabs are showing (the tab has its own "add" button; the floating one then hides). */
  tabsShown: Atom<number>
  /** Needs drawn inside a "N 条需求" bubble at this zoom (NeedPins): their comment markers wait until they are pins again. */
  inBubbles: Atom<ReadonlySet<string>>
}

// Keyed by editor, not module-level: a history viewer's editor beside the live one must not share it.
const states = new WeakMap<Editor, NeedsUiState>()

export function needsUiState(editor: Editor): NeedsUiState {
  let state = states.get(editor)
  if (!state) {
    state = {
      sheet: atom<NeedSheet>('cg need sheet', { kind: 'none' }),
      highlight: atom('cg need highlight', null),
      notice: atom('cg need notice', null),
      tabsShown: atom('cg needs tabs shown', 0),
      inBubbles: atom<ReadonlySet<string>>('cg needs in bubbles', new Set()),
    }
    states.set(editor, state)
  }
  return state
}

/** How long a highlighted pin pulses. */
export const HIGHLIGHT_MS = 4000
