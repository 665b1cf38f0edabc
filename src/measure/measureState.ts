/**
 * Per-editor state of the measure and scale tools. The tools (tldraw state nodes) write it, the
 * overlay and readout (React) read it. Kept in atoms outside the store on purpose: the store is
 * synced to everyone and kept forever, a measurement is one person's passing look.
 */
import { atom, type Atom, type Editor } from 'tldraw'
import { NO_MEASUREMENT, type Measurement, type ScaleLine } from './measureSession'

export const MEASURE_TOOL_ID = 'measure'
export const SCALE_TOOL_ID = 'scale'

export interface MeasureState {
  measurement: Atom<Measurement>
  scaleLine: Atom<ScaleLine | null>
}

// A WeakMap keyed by editor, not a module-level atom: two editors on one page (a history viewer
// beside the live board) must not share a measurement, and a closed editor's state goes with it.
const states = new WeakMap<Editor, MeasureState>()

export function measureState(editor: Editor): MeasureState {
  let state = states.get(editor)
  if (!state) {
    state = {
      measurement: atom<Measurement>('cg measurement', NO_MEASUREMENT),
      scaleLine: atom<ScaleLine | null>('cg scale line', null),
    }
    states.set(editor, state)
  }
  return state
}

/** On-screen distance (CSS px) within which a tap lands "on" the first corner. */
export const CLOSE_DISTANCE_PX = 16
