/**
 * Start a comment thread: what it is about (an option, a need, the selected shape), a role to call
 * on — picked, or typed as "@居委" — and the text, last, so the send button sits right under the box
 * (and is scrolled into view once the keyboard is up). What was typed stays when the server refuses it.
 */
import { useEffect, useId, useRef, useState } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import { COMMENT_TEXT_MAX, type CommentTarget } from '../../shared/participation'
import { isRole, ROLES, type Role } from '../../shared/workflow'
import { startThread } from '../participationClient'
import { useParticipationState } from '../ParticipationContext'
import { mentionsFor } from './mentions'
import { describeTarget, needLabel, parseTargetKey, targetKey } from './targets'
import { FormFooter } from './FormFooter'
import { showSendButton } from './textBoxTurn'
import { useAction } from './useAction'

interface ThreadComposerProps {
  /** Preselected target; with `fixed` the person cannot change it. */
  target: CommentTarget | null
  fixed?: boolean
  /** A shape selected on the canvas (not an option frame), offered as a target. */
  selectedShapeId?: string | null
  onDone: (threadId: string | undefined) => void
  onCancel: () => void
}

export function ThreadComposer({ target, fixed = false, selectedShapeId = null, onDone, onCancel }: ThreadComposerProps) {
  const { t, lang } = useI18n()
  const s = t.negotiate.comments
  const { participation } = useParticipationState()
  const { busy, error, setError, act } = useAction()
  const [targetValue, setTargetValue] = useState(target ? targetKey(target) : '')
  const [text, setText] = useState('')
  const [picked, setPicked] = useState<Role | null>(null)
  const ids = useId()
  const formRef = useRef<HTMLFormElement>(null)
  const textRef = useRef<HTMLTextAreaElement>(null)
  // What it is about is known (a need's or option's "comment on this"): straight to the box.
  const preselected = target !== null
  useEffect(() => {
    if (preselected) textRef.current?.focus({ preventScroll: true })
  }, [preselected])
  if (!participation) return null

  const mentions = mentionsFor(text, picked)
  const chosen = parseTargetKey(targetValue)
  const liveNeeds = participation.needs.filter((n) => n.mergedInto === null)

  const submit = async () => {
    const body = text.trim()
    if (!chosen) return setError(s.pickTarget)
    if (!body) return setError(s.textRequired)
    if (body.length > COMMENT_TEXT_MAX) return setError(format(s.tooLong, { max: COMMENT_TEXT_MAX }))
    const answer = await act((c, o) => startThread(c, { target: chosen, text: body, mentions }, o))
    if (answer) onDone(answer.id)
  }

  return (
    <form
      ref={formRef}
      noValidate
      className="ng-form"
      data-testid="comment-form"
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      {fixed && chosen ? (
        <p className="ng-form__about">{describeTarget(chosen, participation, t, lang)}</p>
      ) : (
        <label className="ng-field">
          <span className="ng-field__label">{s.about}</span>
          <select
            className="ng-input"
            data-testid="comment-target"
            value={targetValue}
            onChange={(e) => setTargetValue(e.target.value)}
          >
            <option value="">{s.pickTargetOption}</option>
            {selectedShapeId && <option value={targetKey({ kind: 'shape', id: selectedShapeId })}>{s.selectedShape}</option>}
            {participation.options.length > 0 && (
              <optgroup label={s.optionsGroup}>
                {participation.options.map((o) => (
                  <option key={o.id} value={targetKey({ kind: 'option', id: o.id })}>{o.title}</option>
                ))}
              </optgroup>
            )}
            {liveNeeds.length > 0 && (
              <optgroup label={s.needsGroup}>
                {liveNeeds.map((n) => (
                  <option key={n.id} value={targetKey({ kind: 'need', id: n.id })}>{needLabel(n, participation, lang)}</option>
                ))}
              </optgroup>
            )}
            {target?.kind === 'shape' && target.id !== selectedShapeId && (
              <option value={targetKey(target)}>{s.selectedShape}</option>
            )}
          </select>
        </label>
      )}
      <label className="ng-field" htmlFor={`${ids}-mention`}>
        <span className="ng-field__label">{s.mentionLabel}</span>
        <select
          id={`${ids}-mention`}
          className="ng-input"
          data-testid="comment-mention"
          value={picked ?? ''}
          onChange={(e) => setPicked(isRole(e.target.value) ? e.target.value : null)}
        >
          <option value="">{s.mentionNone}</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>{t.workflow.roles[r]}</option>
          ))}
        </select>
      </label>
      <label className="ng-field">
        <span className="ng-field__label">{s.textLabel}</span>
        <textarea
          ref={textRef}
          className="ng-input ng-input--text"
          data-testid="comment-text"
          rows={3}
          maxLength={COMMENT_TEXT_MAX}
          placeholder={s.textPlaceholder}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onFocus={() => showSendButton(formRef.current?.querySelector<HTMLElement>('[data-testid="comment-submit"]'))}
        />
      </label>
      {mentions.length > 0 && (
        <p className="ng-hint" data-testid="comment-mentions">
          {format(s.willNotify, { roles: mentions.map((r) => t.workflow.roles[r]).join(lang === 'en' ? ', ' : '、') })}
        </p>
      )}
      <FormFooter
        error={error}
        errorTestId="comment-error"
        busy={busy}
        submitLabel={s.submit}
        busyLabel={s.sending}
        submitTestId="comment-submit"
        cancelLabel={s.cancel}
        cancelTestId="comment-cancel"
        onCancel={onCancel}
      />
    </form>
  )
}
