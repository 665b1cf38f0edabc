/**
 * Toolbar buttons for the measure tool (everyone) and the scale tool (organizer only), rendered by
 * the board inside tldraw's <DefaultToolbar> before <DefaultToolbarContent/>.
 *
 * Our own buttons rather than tldraw's <TldrawUiMenuItem>: tldraw's hides every item not marked
 * read-only-safe in read-only mode and names its test ids itself; ours stay visible to viewers
 * and carry the ids the e2e tests use (`tool-measure`, `tool-scale`).
 */
import { useLayoutEffect, useRef, useState, type JSX } from 'react'
import { TldrawUiButtonIcon, TldrawUiToolbarButton, useEditor, useTools, useValue } from 'tldraw'
import { useI18n } from '../i18n/I18nProvider'
import { measureIcon, scaleIcon } from './measureIcons'
import { MEASURE_TOOL_ID, SCALE_TOOL_ID } from './measureState'

export function MeasureToolbarItems({ isOrganizer }: { isOrganizer: boolean }): JSX.Element {
  const { t } = useI18n()
  return (
    <>
      <MeasureToolButton toolId={MEASURE_TOOL_ID} label={t.measure.toolMeasure} icon={measureIcon} testId="tool-measure" />
      {isOrganizer && (
        <MeasureToolButton toolId={SCALE_TOOL_ID} label={t.measure.toolScale} icon={scaleIcon} testId="tool-scale" />
      )}
    </>
  )
}

interface MeasureToolButtonProps {
  toolId: string
  label: string
  icon: JSX.Element
  testId: string
}

function MeasureToolButton({ toolId, label, icon, testId }: MeasureToolButtonProps) {
  const editor = useEditor()
  const tools = useTools()
  const isSelected = useValue('cg tool selected', () => editor.getCurrentToolId() === toolId, [editor, toolId])
  const ref = useRef<HTMLButtonElement>(null)
  // tldraw renders the toolbar's children twice: in the bar and in its "more" pop-over. Only the
  // copy in the bar gets the test id, so a test never finds two elements for one name.
  const [inOverflow, setInOverflow] = useState(false)
  useLayoutEffect(() => {
    setInOverflow(!!ref.current?.closest('.tlui-main-toolbar__overflow-content'))
  }, [])

  const select = () => {
    // Through tldraw's tool table when our overrides are registered (announces the tool for
    // screen readers); straight to the state chart otherwise.
    const tool = tools[toolId]
    if (tool) tool.onSelect('toolbar')
    else editor.setCurrentTool(toolId)
  }

  return (
    <TldrawUiToolbarButton
      ref={ref}
      type={inOverflow ? 'icon' : 'tool'}
      aria-label={label}
      aria-pressed={isSelected ? 'true' : 'false'}
      isActive={inOverflow ? isSelected : undefined}
      data-testid={inOverflow ? `${testId}-more` : testId}
      // OverflowingToolbar reads data-value to know which tool a button stands for.
      data-value={toolId}
      title={label}
      onClick={select}
    >
      <TldrawUiButtonIcon icon={icon} />
    </TldrawUiToolbarButton>
  )
}
