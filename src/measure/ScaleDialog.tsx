/**
 * Asks the organizer how long the line they drew is in reality, and which side of the plan is
 * north (for the report's north arrow), and saves the scale. Large
 * inputs, a decimal keyboard on phones, every bad input explained; the dialog stays open (with
 * the typed value) when saving fails, so nothing is lost.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/lang'
import { MAX_SCALE_METRES, scaleFromInput, type ScaleInputResult } from './parseMetres'

interface ScaleDialogProps {
  /** Length of the drawn line in canvas units. */
  lineUnits: number
  /** Where north is now (degrees clockwise from the plan's top), null when not said. */
  north: number | null
  /** Saves the scale; rejects with an Error whose message can be shown as it is. */
  onSave: (metresPerUnit: number, northDegrees: number | null) => Promise<void>
  onCancel: () => void
}

/** The compass grid: north's direction per cell, read row by row (null: the centre, "not sure"). */
const NORTH_GRID: readonly (number | null)[] = [315, 0, 45, 270, null, 90, 225, 180, 135]
const ARROWS: Record<number, string> = { 0: '↑', 45: '↗', 90: '→', 135: '↘', 180: '↓', 225: '↙', 270: '←', 315: '↖' }

export function ScaleDialog({ lineUnits, north: savedNorth, onSave, onCancel }: ScaleDialogProps) {
  const { t } = useI18n()
  const id = useId()
  const inputRef = useRef<HTMLInputElement>(null)
  const [value, setValue] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [north, setNorth] = useState<number | null>(savedNorth)
  // The dialog closes itself on success (the layer drops the line); a late answer must not
  // set state on an unmounted component.
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    inputRef.current?.focus()
    return () => {
      mounted.current = false
    }
  }, [])

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    if (saving) return
    const result = scaleFromInput(value, lineUnits)
    if (!result.ok) {
      setError(errorText(result.error))
      inputRef.current?.focus()
      return
    }
    setError(null)
    setSaving(true)
    try {
      await onSave(result.metresPerUnit, north)
    } catch (err) {
      if (!mounted.current) return
      const reason = err instanceof Error && err.message ? err.message : String(err)
      setError(format(t.measure.scaleFailed, { reason }))
      inputRef.current?.focus()
    } finally {
      if (mounted.current) setSaving(false)
    }
  }

  const errorText = (error: Extract<ScaleInputResult, { ok: false }>['error']): string => {
    switch (error) {
      case 'empty':
        return t.measure.scaleErrorEmpty
      case 'number':
        return t.measure.scaleErrorNumber
      case 'positive':
        return t.measure.scaleErrorPositive
      case 'tooLarge':
        return format(t.measure.scaleErrorTooLarge, { max: MAX_SCALE_METRES })
      case 'line':
        return t.measure.scaleErrorLine
    }
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return
    // Handled here, not by tldraw: its Escape handler would also act on the canvas.
    event.stopPropagation()
    if (!saving) onCancel()
  }

  return (
    <div className="modal-backdrop cg-scale-dialog__backdrop" onKeyDown={onKeyDown}>
      <form
        className="card cg-scale-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        onSubmit={onSubmit}
        noValidate
      >
        <h2 id={`${id}-title`}>{t.measure.scaleTitle}</h2>
        <p id={`${id}-body`} className="cg-scale-dialog__body">
          {t.measure.scaleBody}
        </p>
        <label htmlFor={`${id}-input`} className="cg-scale-dialog__label">
          {t.measure.scaleLabel}
        </label>
        <div className="cg-scale-dialog__row">
          <input
            ref={inputRef}
            id={`${id}-input`}
            className="text-input cg-scale-dialog__input"
            data-testid="scale-length-input"
            type="text"
            inputMode="decimal"
            enterKeyHint="done"
            autoComplete="off"
            placeholder={t.measure.scalePlaceholder}
            value={value}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(event) => {
              setValue(event.target.value)
              if (error) setError(null)
            }}
          />
          <span className="cg-scale-dialog__unit" aria-hidden="true">
            {t.measure.scaleUnit}
          </span>
        </div>
        {error && (
          <p id={`${id}-error`} className="field-error" role="alert" data-testid="scale-error">
            {error}
          </p>
        )}
        <fieldset className="cg-scale-dialog__north" aria-describedby={`${id}-north-hint`}>
          <legend className="cg-scale-dialog__label">{t.measure.northLabel}</legend>
          <div className="cg-north-grid" data-testid="north-grid">
            {NORTH_GRID.map((deg) => {
              const label = deg === null ? t.measure.northUnknown : format(t.measure.northChoice, { direction: t.measure.northDirections[deg / 45] })
              return (
                <button
                  key={deg ?? 'unknown'}
                  type="button"
                  className={`cg-north-grid__cell${deg === null ? ' cg-north-grid__cell--unknown' : ''}`}
                  data-testid="north-choice"
                  data-degrees={deg ?? 'none'}
                  aria-pressed={north === deg}
                  aria-label={label}
                  title={label}
                  onClick={() => setNorth(deg)}
                >
                  {deg === null ? t.measure.northUnknown : <span aria-hidden="true">{ARROWS[deg]}</span>}
                </button>
              )
            })}
          </div>
          <p id={`${id}-north-hint`} className="cg-scale-dialog__hint">{t.measure.northHint}</p>
        </fieldset>
        <div className="cg-scale-dialog__actions">
          <button type="submit" className="button button--primary" data-testid="scale-submit" disabled={saving}>
            {saving ? t.measure.scaleSaving : t.measure.scaleSubmit}
          </button>
          <button type="button" className="button" data-testid="scale-cancel" onClick={onCancel} disabled={saving}>
            {t.measure.scaleCancel}
          </button>
        </div>
      </form>
    </div>
  )
}
