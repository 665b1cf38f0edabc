/**
 * Revision requests on one design option: anyone who may comment raises one; an expert answers (every
 * answer is kept) and marks it done when the option has changed. Exported for the Options panel too.
 */
import { useState } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import { REVISION_TEXT_MAX, type RevisionRequest } from '../../shared/participation'
import { answerRevision, raiseRevision, setRevisionDone } from '../participationClient'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { FlagButton } from './FlagButton'
import { FormFooter } from './FormFooter'
import { ReplyBox } from './ReplyBox'
import { useAction } from './useAction'
import { when } from './when'

export function OptionRevisions({ optionId }: { optionId: string }) {
  const ui = useParticipationUi()
  const { participation } = useParticipationState()
  const { t } = useI18n()
  const s = t.negotiate.revisions
  const raise = useAction()
  const [raising, setRaising] = useState(false)
  const [text, setText] = useState('')
  if (!ui || !participation) return null
  const revisions = participation.revisions.filter((r) => r.optionId === optionId)

  const submit = async () => {
    const body = text.trim()
    if (!body) return raise.setError(s.textRequired)
    const answer = await raise.act((c, o) => raiseRevision(c, optionId, { text: body }, o))
    if (answer) {
      setText('')
      setRaising(false)
    }
  }

  return (
    <div className="ng-revisions" data-testid="option-revisions" data-option-id={optionId}>
      {revisions.length === 0 && <p className="ng-muted">{s.none}</p>}
      <ul className="ng-list">
        {revisions.map((r) => (
          <RevisionItem key={r.id} revision={r} />
        ))}
      </ul>
      {ui.may('comment') && !raising && (
        <button type="button" className="button" data-testid="raise-revision" onClick={() => setRaising(true)}>
          {s.raise}
        </button>
      )}
      {raising && (
        <form
          noValidate
          className="ng-form"
          onSubmit={(e) => {
            e.preventDefault()
            void submit()
          }}
        >
          <label className="ng-field">
            <span className="ng-field__label">{s.textLabel}</span>
            <textarea
              className="ng-input ng-input--text"
              data-testid="revision-text"
              rows={3}
              maxLength={REVISION_TEXT_MAX}
              placeholder={s.textPlaceholder}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          </label>
          <FormFooter
            error={raise.error}
            errorTestId="revision-error"
            busy={raise.busy}
            submitLabel={s.submit}
            busyLabel={s.sending}
            submitTestId="revision-submit"
            cancelLabel={s.cancel}
            onCancel={() => setRaising(false)}
          />
        </form>
      )}
    </div>
  )
}

function RevisionItem({ revision }: { revision: RevisionRequest }) {
  const ui = useParticipationUi()
  const { t, lang } = useI18n()
  const s = t.negotiate.revisions
  const answer = useAction()
  const done = useAction()
  if (!ui) return null
  const mayAnswer = ui.may('answerRevisions')
  const status = revision.done ? 'done' : revision.answers.length > 0 ? 'answered' : 'waiting'

  return (
    <li className="ng-card ng-revision" data-testid="revision-item" data-revision-id={revision.id} data-done={revision.done}>
      <div className="ng-comment__who">
        <span className={`ng-status ng-status--${status}`}>{s.status[status]}</span>
        <strong>{revision.author.name}</strong>
        <span className="ng-muted">{t.workflow.roles[revision.author.role]} · {when(revision.createdAt, lang)}</span>
      </div>
      <p className="ng-comment__text">{revision.text}</p>
      {revision.answers.length > 0 && (
        <ol className="ng-answers" aria-label={s.answers}>
          {revision.answers.map((a) => (
            <li key={a.id} className="ng-answer" data-testid="revision-answer">
              <div className="ng-comment__who">
                <strong>{a.author.name}</strong>
                <span className="ng-muted">{t.workflow.roles[a.author.role]} · {when(a.at, lang)}</span>
              </div>
              <p className="ng-comment__text">{a.text}</p>
            </li>
          ))}
        </ol>
      )}
      {revision.done && revision.doneBy && (
        <p className="ng-muted">{format(s.doneBy, { name: revision.doneBy.name, time: when(revision.doneAt ?? revision.createdAt, lang) })}</p>
      )}
      {mayAnswer && (
        <ReplyBox
          label={s.answerLabel}
          placeholder={s.answerPlaceholder}
          openLabel={s.answer}
          openTestId="revision-answer-open"
          cancelLabel={s.cancel}
          maxLength={REVISION_TEXT_MAX}
          submitLabel={s.answer}
          sendingLabel={s.sending}
          emptyError={s.answerRequired}
          textTestId="revision-answer-text"
          submitTestId="revision-answer-submit"
          action={answer}
          send={async (body) => (await answer.act((c, o) => answerRevision(c, revision.id, { text: body }, o))) !== undefined}
        />
      )}
      {mayAnswer && (
        <FlagButton action={done} on={revision.done} testId="revision-done" onToggle={() => void done.act((c, o) => setRevisionDone(c, revision.id, !revision.done, o))}>
          {revision.done ? s.undone : s.markDone}
        </FlagButton>
      )}
    </li>
  )
}
