/**
 * Registers the measure and scale tools with tldraw's UI: labels (in the language in use), icons and
 * the keyboard shortcut M for measuring. Both tools are marked `readonlyOk` so their shortcuts
 * and menu entries stay available to read-only viewers (they never write to the board).
 */
import type { TLUiOverrides } from 'tldraw'
import type { Strings } from '../i18n/lang'
import { measureIcon, scaleIcon } from './measureIcons'
import { MEASURE_TOOL_ID, SCALE_TOOL_ID } from './measureState'

const MEASURE_LABEL = 'tool.cg-measure'
const SCALE_LABEL = 'tool.cg-scale'

const tools: TLUiOverrides['tools'] = (editor, tools) => {
  tools[MEASURE_TOOL_ID] = {
    id: MEASURE_TOOL_ID,
    label: MEASURE_LABEL,
    icon: measureIcon,
    kbd: 'm',
    readonlyOk: true,
    onSelect() {
      editor.setCurrentTool(MEASURE_TOOL_ID)
    },
  }
  tools[SCALE_TOOL_ID] = {
    id: SCALE_TOOL_ID,
    label: SCALE_LABEL,
    icon: scaleIcon,
    readonlyOk: true,
    onSelect() {
      editor.setCurrentTool(SCALE_TOOL_ID)
    },
  }
  return tools
}

// One object per language: tldraw compares overrides by identity, and a new object on every
// render would rebuild its tool and action tables each time.
const byStrings = new WeakMap<Strings, TLUiOverrides>()

/**
 * The overrides for the language whose strings are `t`, shown under tldraw's `locale` (and 'en',
 * which tldraw shows until that locale's file has arrived). Only the language in use is loaded.
 */
export function measureOverrides(t: Strings, locale: string): TLUiOverrides {
  let overrides = byStrings.get(t)
  if (!overrides) {
    const labels = { [MEASURE_LABEL]: t.measure.toolMeasure, [SCALE_LABEL]: t.measure.toolScale }
    overrides = { tools, translations: { en: labels, [locale]: labels } }
    byStrings.set(t, overrides)
  }
  return overrides
}
