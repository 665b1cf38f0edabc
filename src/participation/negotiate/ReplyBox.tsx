/**
 * A short answer under something already said: a reply to a comment thread, an expert's answer to
 * a revision request. The text stays when sending fails (the error shows right under it) and is
 * cleared only once the server has taken it.
 *
 * Folded to one button ("回复") until tapped: then the box, with its send button right under it, in
 * view; any other open box on the page folds (textBoxTurn.ts). Folding keeps what was typed.
 */
import { useEffect, useId, useRef, useState } from 'react'
import { showSendButton, useTextBoxTurn } from './textBoxTurn'
import type { Action } from './useAction'

interface ReplyBoxProps {
  label: string
  placeholder: string
  /** The folded box's button ("回复"). */
  openLabel: string
  openTestId: string
  cancelLabel: string
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

export function ReplyBox({ label, placeholder, openLabel, openTestId, cancelLabel, maxLength, submitLabel, sendingLabel, emptyError, textTestId, submitTestId, action, send }: ReplyBoxProps) {
  // The same thread can show twice at once (a need's card over the Discussion tab): ids from useId.
  const id = useId()
  const [text, setText] = useState('')
  const turn = useTextBoxTurn()
  const textRef = useRef<HTMLTextAreaElement>(null)
  const sendRef = useRef<HTMLButtonElement>(null)
  // Opened by a tap: the caret in the box, the send button in view.
  useEffect(() => {
    if (turn.open) textRef.current?.focus({ preventScroll: true })
  }, [turn.open])
  const submit = async () => {
    const body = text.trim()
    if (!body) return action.setError(emptyError)
    if (await send(body)) {
      setText('')
      turn.release()
    }
  }
  if (!turn.open) {
    return (
      <button type="button" className="button ng-reply-open" data-testid={openTestId} onClick={turn.take}>
        {openLabel}
        {text.trim() && <span className="ng-reply-open__draft"> …</span>}
      </button>
    )
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
          ref={textRef}
          id={id}
          className="ng-input ng-input--text"
          data-testid={textTestId}
          rows={3}
          maxLength={maxLength}
          placeholder={placeholder}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onFocus={() => showSendButton(sendRef.current)}
        />
        <div className="ng-actions">
          <button ref={sendRef} type="submit" className="button button--primary ng-big" data-testid={submitTestId} disabled={action.busy}>
            {action.busy ? sendingLabel : submitLabel}
          </button>
          <button type="button" className="button ng-big" disabled={action.busy} onClick={turn.release}>
            {cancelLabel}
          </button>
        </div>
      </form>
      {action.error && <p className="ng-error" role="alert">{action.error}</p>}
    </>
  )
}
