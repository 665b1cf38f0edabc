/**
 * Registers the measure and scale tools with tldraw's UI: labels (both tldraw locales), icons and
 * the keyboard shortcut M for measuring. Both tools are marked `readonlyOk` so their shortcuts
 * and menu entries stay available to read-only viewers (they never write to the board).
 */
import type { TLUiOverrides } from 'tldraw'
import { strings } from '../i18n/strings'
import { measureIcon, scaleIcon } from './measureIcons'
import { MEASURE_TOOL_ID, SCALE_TOOL_ID } from './measureState'

const MEASURE_LABEL = 'tool.cg-measure'
const SCALE_LABEL = 'tool.cg-scale'

// One object for the app's lifetime: tldraw compares overrides by identity, and a new object on
// every render would rebuild its tool and action tables each time.
const overrides: TLUiOverrides = {
  tools(editor, tools) {
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
  },
  translations: {
    'zh-cn': { [MEASURE_LABEL]: strings['zh-CN'].measure.toolMeasure, [SCALE_LABEL]: strings['zh-CN'].measure.toolScale },
    en: { [MEASURE_LABEL]: strings.en.measure.toolMeasure, [SCALE_LABEL]: strings.en.measure.toolScale },
  },
}

export function measureOverrides(): TLUiOverrides {
  return overrides
}
