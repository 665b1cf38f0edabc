import { useId, useRef, useState, type FormEvent } from 'react'
import { ApiRequestError, createBoard } from '../net/api'
import { boardPath, navigate } from '../ui/router'
import { useI18n } from '../i18n/I18nProvider'
import { format, type Strings } from '../i18n/lang'
import { BOARD_NAME_MAX } from '../shared/boardId'
import { rememberBoard } from '../board'

/** Worded at render time, so switching language also re-words a message already shown. */
type ErrorText = (t: Strings, lang: string) => string

export function CreateBoardForm() {
  const { t, lang } = useI18n()
  const inputId = useId()
  const errorId = useId()
  const inputRef = useRef<HTMLInputElement>(null)
  const [name, setName] = useState('')
  const [error, setError] = useState<ErrorText | null>(null)
  const [busy, setBusy] = useState(false)

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    if (busy) return
    const trimmed = name.trim()
    if (!trimmed) {
      setError(() => (s: Strings) => s.home.nameRequired)
      inputRef.current?.focus()
      return
    }
    if (trimmed.length > BOARD_NAME_MAX) {
      setError(() => (s: Strings) => format(s.home.nameTooLong, { max: BOARD_NAME_MAX }))
      inputRef.current?.focus()
      return
    }
    setBusy(true)
    setError(null)
    try {
      const board = await createBoard(trimmed, { t, lang })
      rememberBoard(board)
      navigate(boardPath(board.id))
    } catch (err) {
      const failure = err instanceof ApiRequestError ? err : null
      setError(() => (s: Strings, l: string) => (failure ? failure.describe(s, l) : s.errors.network))
      setBusy(false)
    }
  }

  return (
    <section className="card create-board" aria-labelledby={inputId + '-title'}>
      <h2 id={inputId + '-title'}>{t.home.createTitle}</h2>
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <label htmlFor={inputId} className="create-board__label">{t.home.nameLabel}</label>
        <div className="create-board__row">
          <input
            ref={inputRef}
            id={inputId}
            className="text-input"
            data-testid="board-name-input"
            type="text"
            value={name}
            maxLength={BOARD_NAME_MAX}
            placeholder={t.home.namePlaceholder}
            autoComplete="off"
            enterKeyHint="go"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            onChange={(e) => {
              setName(e.target.value)
              if (error) setError(null)
            }}
          />
          <button type="submit" className="button button--primary" data-testid="create-board" disabled={busy}>
            {busy ? t.home.creating : t.home.create}
          </button>
        </div>
        {error && (
          <p id={errorId} className="field-error" role="alert">
            {error(t, lang)}
          </p>
        )}
      </form>
    </section>
  )
}
