import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { markPageReady } from '../ui/pageReady'
import { useI18n } from '../i18n/I18nProvider'
import { LangSwitch } from '../i18n/LangSwitch'
import { format } from '../i18n/lang'
import { cleanName, PARTICIPANT_COLORS, PARTICIPANT_NAME_MAX, updateParticipant, useParticipant } from './participant'

interface NamePromptProps {
  /** 'join': asked once before entering a board (full page). 'edit': changed later (a dialog). */
  mode: 'join' | 'edit'
  boardName?: string
  onDone?: () => void
  /**
   * A project board: a new name must first be accepted by the server (it shows others the
   * participant's name, not this device's). Rejects with an error whose message a person can read.
   */
  onRename?: (name: string) => Promise<void>
}

/** Asks the name others will see on the cursor and in the people list, and a colour. */
export function NamePrompt({ mode, boardName, onDone, onRename }: NamePromptProps) {
  const { t } = useI18n()
  const participant = useParticipant()
  const id = useId()
  const inputRef = useRef<HTMLInputElement>(null)
  const [name, setName] = useState(participant.name ?? '')
  const [color, setColor] = useState(participant.color)
  const [error, setError] = useState<'required' | 'tooLong' | null>(null)
  const [saveError, setSaveError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    inputRef.current?.focus()
    // Asking for a name before entering a board: the page waits for the person, so work deferred
    // until the page is up may run now (src/ui/pageReady.ts).
    if (mode === 'join') markPageReady()
  }, [mode])

  useEffect(() => {
    if (mode !== 'edit') return
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onDone?.()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [mode, onDone])

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    if (saving) return
    const cleaned = cleanName(name)
    if (!cleaned) {
      setError('required')
      inputRef.current?.focus()
      return
    }
    if (cleaned.length > PARTICIPANT_NAME_MAX) {
      setError('tooLong')
      inputRef.current?.focus()
      return
    }
    // Sent even when it looks unchanged: the device's name is shared by every board, so the name
    // this project knows may differ from it (joined another project under another name since).
    if (onRename) {
      setSaving(true)
      setSaveError(null)
      try {
        await onRename(cleaned)
      } catch (err) {
        setSaving(false)
        setSaveError(format(t.workflow.people.renameFailed, { reason: err instanceof Error ? err.message : String(err) }))
        return
      }
    }
    updateParticipant({ name: cleaned, color })
    onDone?.()
  }

  const errorText =
    error === 'required' ? t.name.required : error === 'tooLong' ? format(t.name.tooLong, { max: PARTICIPANT_NAME_MAX }) : null
  const palette: readonly string[] = PARTICIPANT_COLORS.some((c) => c === participant.color)
    ? PARTICIPANT_COLORS
    : [participant.color, ...PARTICIPANT_COLORS]

  const form = (
    <form
      className="card name-prompt"
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      aria-busy={saving}
      role={mode === 'edit' ? 'dialog' : undefined}
      aria-modal={mode === 'edit' ? true : undefined}
      aria-labelledby={id + '-title'}
    >
      {boardName && <p className="name-prompt__board">{boardName}</p>}
      <h1 id={id + '-title'}>{t.name.title}</h1>
      <p className="name-prompt__body">{t.name.body}</p>
      <label htmlFor={id + '-name'} className="name-prompt__label">{t.name.label}</label>
      <input
        ref={inputRef}
        id={id + '-name'}
        className="text-input"
        data-testid="name-input"
        type="text"
        value={name}
        maxLength={PARTICIPANT_NAME_MAX}
        placeholder={t.name.placeholder}
        autoComplete="nickname"
        enterKeyHint="done"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? id + '-error' : undefined}
        disabled={saving}
        onChange={(e) => {
          setName(e.target.value)
          if (error) setError(null)
          setSaveError(null)
        }}
      />
      {errorText && (
        <p id={id + '-error'} className="field-error" role="alert">{errorText}</p>
      )}
      {saveError && <p className="field-error" role="alert" data-testid="name-error">{saveError}</p>}
      <fieldset className="name-prompt__colors">
        <legend className="name-prompt__label">{t.name.colorLabel}</legend>
        {palette.map((c, i) => (
          <label key={c} className="color-swatch" style={{ background: c }}>
            <input
              type="radio"
              name={id + '-color'}
              value={c}
              checked={color === c}
              onChange={() => setColor(c)}
              aria-label={format(t.name.colorOption, { n: i + 1 })}
            />
            <span className="color-swatch__mark" aria-hidden="true">✓</span>
          </label>
        ))}
      </fieldset>
      <div className="message-card__actions">
        <button type="submit" className="button button--primary" data-testid="name-submit" disabled={saving}>
          {saving ? t.workflow.people.renaming : mode === 'join' ? t.name.submit : t.name.save}
        </button>
        {mode === 'edit' && (
          <button type="button" className="button" onClick={onDone}>{t.name.cancel}</button>
        )}
      </div>
    </form>
  )

  return mode === 'join' ? (
    <main className="page page--center name-prompt__page">
      <div className="name-prompt__lang">
        <LangSwitch />
      </div>
      {form}
    </main>
  ) : (
    <div className="modal-backdrop">{form}</div>
  )
}
