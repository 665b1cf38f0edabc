/**
 * An expert's observation (a measurement, a problem seen), pinned on the plan as a yellow sticky
 * note at the tapped place. It is a plain tldraw note in the shared board document — anyone who may
 * draw can move or edit it like any other shape; meta marks it as an observation and says by whom.
 */
import { useState } from 'react'
import { createShapeId, toRichText, useEditor, type Editor, type TLNoteShape, type VecLike } from 'tldraw'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'

export const OBSERVATION_TEXT_MAX = 500
/** A note is 200×200 page units at scale 1; its centre goes on the tapped place. */
const NOTE_HALF = 100

export function placeObservation(editor: Editor, at: VecLike, text: string, author: string): void {
  editor.markHistoryStoppingPoint('add observation')
  editor.createShape<TLNoteShape>({
    id: createShapeId(),
    type: 'note',
    x: at.x - NOTE_HALF,
    y: at.y - NOTE_HALF,
    props: { richText: toRichText(text), color: 'yellow' },
    meta: { cgKind: 'observation', author },
  })
}

interface ObservationFormProps {
  at: VecLike
  author: string
  onDone: (added: boolean) => void
}

export function ObservationForm({ at, author, onDone }: ObservationFormProps) {
  const editor = useEditor()
  const { t } = useI18n()
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)

  const submit = () => {
    const value = text.trim()
    if (!value) return setError(t.options.observationRequired)
    if ([...value].length > OBSERVATION_TEXT_MAX) return setError(format(t.options.observationTooLong, { max: OBSERVATION_TEXT_MAX }))
    // The stage may have moved on while typing: keep the text on screen rather than lose it.
    if (editor.getIsReadonly()) return setError(t.options.failNotNow)
    placeObservation(editor, at, value, author)
    onDone(true)
  }

  return (
    <form
      className="cg-options__form"
      onSubmit={(e) => {
        e.preventDefault()
        submit()
      }}
    >
      <label className="cg-options__label" htmlFor="cg-observation-text">{t.options.observationLabel}</label>
      <textarea
        id="cg-observation-text"
        className="text-input cg-options__textarea"
        data-testid="observation-text"
        rows={3}
        autoFocus
        value={text}
        placeholder={t.options.observationPlaceholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'cg-observation-error' : undefined}
        onChange={(e) => {
          setText(e.currentTarget.value)
          setError(null)
        }}
      />
      {error && (
        <p id="cg-observation-error" className="field-error" role="alert" data-testid="observation-error">
          {error}
        </p>
      )}
      <div className="cg-options__row">
        <button type="submit" className="button button--primary" data-testid="observation-submit">
          {t.options.observationSubmit}
        </button>
        <button type="button" className="button" data-testid="observation-cancel" onClick={() => onDone(false)}>
          {t.options.cancel}
        </button>
      </div>
    </form>
  )
}
