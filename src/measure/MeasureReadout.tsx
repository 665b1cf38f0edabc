/**
 * The readout panel above the toolbar (`measure-readout`): what the active tool measured, in
 * metres, with plain hints and big buttons for people on phones (no double-click needed).
 */
import type { ReactNode } from 'react'
import { useEditor, useValue } from 'tldraw'
import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/lang'
import { squareUnitsToSquareMetres, unitsToMetres } from './geometry'
import { formatArea, formatLength } from './formatMeasure'
import { figuresOf, finish, isOpenPolygon, NO_MEASUREMENT, type Measurement } from './measureSession'
import { measureState } from './measureState'

interface PanelProps {
  children: ReactNode
  actions?: ReactNode
  data?: Record<string, string | undefined>
}

function ReadoutPanel({ children, actions, data }: PanelProps) {
  return (
    <div className="cg-measure-readout" data-testid="measure-readout" role="status" aria-live="polite" {...data}>
      <div className="cg-measure-readout__text">{children}</div>
      {actions && <div className="cg-measure-readout__actions">{actions}</div>}
    </div>
  )
}

interface MeasureToolReadoutProps {
  metresPerUnit: number | null
  isOrganizer: boolean
  /** Shown while this exact measurement is on screen (the line just used to set the scale). */
  notice: { text: string; for: Measurement } | null
}

export function MeasureToolReadout({ metresPerUnit, isOrganizer, notice }: MeasureToolReadoutProps) {
  const editor = useEditor()
  const { t, lang } = useI18n()
  const { measurement } = measureState(editor)
  const m = useValue(measurement)
  const coarse = useValue('cg coarse pointer', () => editor.getInstanceState().isCoarsePointer, [editor])
  const f = figuresOf(m)
  const open = isOpenPolygon(m)

  const metres = (units: number | null) => (units === null || metresPerUnit === null ? null : unitsToMetres(units, metresPerUnit))
  const lengthM = metres(f.lengthUnits)
  const perimeterM = metres(f.perimeterUnits)
  const areaM2 = f.areaUnits === null || metresPerUnit === null ? null : squareUnitsToSquareMetres(f.areaUnits, metresPerUnit)

  const figures: ReactNode[] = []
  if (lengthM !== null) figures.push(format(t.measure.length, { length: formatLength(lengthM, t.measure, lang) }))
  if (areaM2 !== null) figures.push(format(t.measure.area, { area: formatArea(areaM2, t.measure, lang) }))
  if (perimeterM !== null) figures.push(format(t.measure.perimeter, { length: formatLength(perimeterM, t.measure, lang) }))

  const hint = m.kind === 'none' ? t.measure.hintStart : open ? t.measure.hintPolygon : null

  return (
    <ReadoutPanel
      data={{
        'data-kind': m.kind === 'polygon' ? (m.closed ? 'area' : 'outline') : m.kind,
        'data-metres': lengthM !== null ? String(lengthM) : undefined,
        'data-square-metres': areaM2 !== null ? String(areaM2) : undefined,
      }}
      actions={
        <>
          {open && m.points.length >= 2 && (
            <button type="button" className="button button--primary" data-testid="measure-finish" onClick={() => measurement.set(finish(m))}>
              {t.measure.finish}
            </button>
          )}
          {m.kind !== 'none' && (
            <button type="button" className="button" data-testid="measure-clear" onClick={() => measurement.set(NO_MEASUREMENT)}>
              {t.measure.clear}
            </button>
          )}
          <button type="button" className="button" data-testid="measure-exit" onClick={() => editor.setCurrentTool('select')}>
            {t.measure.exitTool}
          </button>
        </>
      }
    >
      {notice && notice.for === m && <p className="cg-measure-readout__notice">{notice.text}</p>}
      {metresPerUnit === null && (
        <p className="cg-measure-readout__warning">{isOrganizer ? t.measure.noScaleOrganizer : t.measure.noScale}</p>
      )}
      {figures.map((text, i) => (
        <p key={i} className="cg-measure-readout__figure">
          {text}
        </p>
      ))}
      {hint && <p className="cg-measure-readout__hint">{hint}</p>}
      {hint && coarse && <p className="cg-measure-readout__hint">{t.measure.hintTouch}</p>}
    </ReadoutPanel>
  )
}

export function ScaleToolReadout() {
  const editor = useEditor()
  const { t } = useI18n()
  return (
    <ReadoutPanel
      data={{ 'data-kind': 'scale' }}
      actions={
        <button type="button" className="button" data-testid="scale-exit" onClick={() => editor.setCurrentTool('select')}>
          {t.measure.scaleCancel}
        </button>
      }
    >
      <p className="cg-measure-readout__hint">{t.measure.scaleHint}</p>
    </ReadoutPanel>
  )
}

/** Width × height of the one selected item, when the scale is known. */
export function SelectionReadout({ metresPerUnit }: { metresPerUnit: number }) {
  const editor = useEditor()
  const { t, lang } = useI18n()
  const size = useValue(
    'cg selection size',
    () => {
      const ids = editor.getSelectedShapeIds()
      // Not while typing into a shape: on a phone the keyboard leaves little room as it is.
      if (ids.length !== 1 || editor.getEditingShapeId() !== null) return null
      const shape = editor.getShape(ids[0])
      if (!shape) return null
      // The shape's own (unrotated) size, not its page bounding box.
      const { w, h } = editor.getShapeGeometry(shape).bounds
      return { w, h }
    },
    [editor],
  )
  if (!size) return null
  const w = formatLength(unitsToMetres(size.w, metresPerUnit), t.measure, lang)
  const h = formatLength(unitsToMetres(size.h, metresPerUnit), t.measure, lang)
  return (
    <ReadoutPanel data={{ 'data-kind': 'selection' }}>
      <p className="cg-measure-readout__figure">{format(t.measure.selected, { w, h })}</p>
    </ReadoutPanel>
  )
}
