/**
 * A short answer under something already said: a reply to a comment thread, an expert's answer to
 * a revision request. The text stays when sending fails (the error shows right under it) and is
 * cleared only once the server has taken it.
 */
import { useId, useState } from 'react'
import type { Action } from './useAction'

interface ReplyBoxProps {
  label: string
  placeholder: string
  maxLength: number
  submitLabel: string
  sendingLabel: string
  /** Shown when the person sends nothing. */
  emptyError: string
  textTestId: string
  submitTestId: string
  action: Action
  /** Sends the trimmed text; resolves true when the server took it. */
  send: (text: string) => Promise<boolean>
}

export function ReplyBox({ label, placeholder, maxLength, submitLabel, sendingLabel, emptyError, textTestId, submitTestId, action, send }: ReplyBoxProps) {
  // The same thread can show twice at once (a need's card over the Discussion tab): ids from useId.
  const id = useId()
  const [text, setText] = useState('')
  const submit = async () => {
    const body = text.trim()
    if (!body) return action.setError(emptyError)
    if (await send(body)) setText('')
  }
  return (
    <>
      <form
        noValidate
        className="ng-reply"
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        <label className="visually-hidden" htmlFor={id}>{label}</label>
        <textarea
          id={id}
          className="ng-input ng-input--text"
          data-testid={textTestId}
          rows={2}
          maxLength={maxLength}
          placeholder={placeholder}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="button button--primary" data-testid={submitTestId} disabled={action.busy}>
          {action.busy ? sendingLabel : submitLabel}
        </button>
      </form>
      {action.error && <p className="ng-error" role="alert">{action.error}</p>}
    </>
  )
}
