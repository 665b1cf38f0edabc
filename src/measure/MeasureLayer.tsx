/**
 * Everything the measure feature shows inside the editor: the base plan insertion, the drawing of
 * the current measurement, the readout panel and the scale dialog. Rendered by the board as a
 * child of <Tldraw>, so it runs inside the editor's context.
 */
import { useCallback, useEffect, useRef, useState, type JSX } from 'react'
import { useEditor, useValue } from 'tldraw'
import { useI18n } from '../i18n/I18nProvider'
import { distance, squareUnitsToSquareMetres, unitsToMetres } from './geometry'
import { formatArea, formatLength } from './formatMeasure'
import type { MeasureOptions } from './editor'
import { MeasureOverlay } from './MeasureOverlay'
import { MeasureToolReadout, ScaleToolReadout, SelectionReadout } from './MeasureReadout'
import type { Measurement } from './measureSession'
import { MEASURE_TOOL_ID, SCALE_TOOL_ID, measureState } from './measureState'
import { ScaleDialog } from './ScaleDialog'
import { useBasePlan } from './useBasePlan'
import './measure.css'

export function MeasureLayer(props: MeasureOptions): JSX.Element {
  const { basePlan, isOrganizer, canDraw, onSetScale } = props
  const editor = useEditor()
  const { t, lang } = useI18n()
  const state = measureState(editor)

  useBasePlan(editor, basePlan, isOrganizer && canDraw, t.measure.basePlanName)

  // The scale just saved here, shown at once: the project state (and so `props.scale`) arrives
  // later over the event stream. It counts only while `props.scale` is still what it was when we
  // saved; any newer value from the server (ours, or another organizer's) takes over.
  const propScale = props.scale?.metresPerUnit ?? null
  const propScaleRef = useRef(propScale)
  useEffect(() => {
    propScaleRef.current = propScale
  }, [propScale])
  const [saved, setSaved] = useState<{ metresPerUnit: number; over: number | null } | null>(null)
  const metresPerUnit = saved && saved.over === propScale ? saved.metresPerUnit : propScale

  const [notice, setNotice] = useState<{ text: string; for: Measurement } | null>(null)

  const toolId = useValue('cg current tool', () => editor.getCurrentToolId(), [editor])
  const scaleLine = useValue(state.scaleLine)

  // Only the organizer sets the scale (the server refuses others anyway); leave the tool if the
  // role changes under us or a shortcut got someone else into it.
  useEffect(() => {
    if (toolId === SCALE_TOOL_ID && !isOrganizer) editor.setCurrentTool('select')
  }, [editor, toolId, isOrganizer])

  const lineLabel = useCallback(
    (units: number) => (metresPerUnit === null ? null : formatLength(unitsToMetres(units, metresPerUnit), t.measure, lang)),
    [metresPerUnit, t, lang],
  )
  const areaLabel = useCallback(
    (units: number) => (metresPerUnit === null ? null : formatArea(squareUnitsToSquareMetres(units, metresPerUnit), t.measure, lang)),
    [metresPerUnit, t, lang],
  )

  const saveScale = useCallback(
    async (newMetresPerUnit: number, northDegrees: number | null) => {
      const line = state.scaleLine.get()
      await onSetScale(newMetresPerUnit, northDegrees)
      setSaved({ metresPerUnit: newMetresPerUnit, over: propScaleRef.current })
      // Show the line just drawn as a finished measurement: the organizer sees the typed length
      // come back, which confirms the scale. Leaving the scale tool drops its line.
      editor.setCurrentTool(MEASURE_TOOL_ID)
      if (line) {
        const shown: Measurement = { kind: 'line', a: line.a, b: line.b, done: true }
        state.measurement.set(shown)
        setNotice({ text: t.measure.scaleSaved, for: shown })
      }
    },
    [editor, state, onSetScale, t],
  )
  const cancelScale = useCallback(() => state.scaleLine.set(null), [state])

  return (
    <>
      <MeasureOverlay lineLabel={lineLabel} areaLabel={areaLabel} />
      {toolId === MEASURE_TOOL_ID && <MeasureToolReadout metresPerUnit={metresPerUnit} isOrganizer={isOrganizer} notice={notice} />}
      {toolId === SCALE_TOOL_ID && isOrganizer && <ScaleToolReadout />}
      {toolId === 'select' && metresPerUnit !== null && <SelectionReadout metresPerUnit={metresPerUnit} />}
      {toolId === SCALE_TOOL_ID && isOrganizer && scaleLine?.done && (
        <ScaleDialog lineUnits={distance(scaleLine.a, scaleLine.b)} north={props.scale?.northDegrees ?? null} onSave={saveScale} onCancel={cancelScale} />
      )}
    </>
  )
}
