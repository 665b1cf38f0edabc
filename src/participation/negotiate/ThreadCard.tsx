/**
 * One comment thread: its comments oldest first, a "回复" button that opens a reply box, and resolve / reopen (for whoever
 * started it, an expert or the organizer — as the server allows).
 */
import type { Ref } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import { COMMENT_TEXT_MAX, type CommentThread } from '../../shared/participation'
import { replyThread, resolveThread } from '../participationClient'
import { useParticipationUi } from '../ParticipationContext'
import { detectMentions } from './mentions'
import { FlagButton } from './FlagButton'
import { ReplyBox } from './ReplyBox'
import { useAction } from './useAction'
import { when } from './when'
import { HiddenNotice } from '../moderation/HiddenNotice'
import { HideButton } from '../moderation/HideButton'

interface ThreadCardProps {
  thread: CommentThread
  highlighted: boolean
  cardRef?: Ref<HTMLElement>
}

export function ThreadCard({ thread, highlighted, cardRef }: ThreadCardProps) {
  const ui = useParticipationUi()
  const { t, lang } = useI18n()
  const s = t.negotiate.comments
  const roles = t.workflow.roles
  const reply = useAction()
  const resolve = useAction()
  if (!ui) return null

  const mayComment = ui.may('comment')
  const startedByMe = thread.comments[0]?.mine ?? false
  const mayResolve = mayComment && (startedByMe || ui.role === 'expert' || ui.role === 'organizer')

  return (
    <article
      ref={cardRef}
      className={`ng-card ng-thread${thread.resolved ? ' ng-thread--resolved' : ''}${highlighted ? ' ng-card--highlight' : ''}`}
      data-testid="thread"
      data-thread-id={thread.id}
      data-resolved={thread.resolved}
      tabIndex={-1}
    >
      <ol className="ng-comments">
        {thread.comments.map((c) => (
          <li key={c.id} className="ng-comment" data-testid="thread-comment" data-comment-id={c.id} data-hidden={c.hidden ? 'true' : undefined}>
            <div className="ng-comment__who">
              <strong>{c.author.name}</strong>
              <span className={`ng-role ng-role--${c.author.role}`}>{roles[c.author.role]}</span>
              <time className="ng-muted" dateTime={new Date(c.createdAt).toISOString()}>{when(c.createdAt, lang)}</time>
            </div>
            {c.hidden && <HiddenNotice mark={c.hidden} target={{ kind: 'comment', id: c.id }} />}
            <p className={`ng-comment__text${c.hidden ? ' cg-mod-greyed' : ''}`}>{c.text}</p>
            {c.mentions.length > 0 && (
              <p className="ng-mentions">
                {c.mentions.map((r) => (
                  <span key={r} className="ng-chip">@{roles[r]}</span>
                ))}
              </p>
            )}
            {!c.hidden && <HideButton target={{ kind: 'comment', id: c.id }} label={t.moderation.hideComment} className="ng-comment__hide" />}
          </li>
        ))}
      </ol>
      {thread.resolved && thread.resolvedBy && (
        <p className="ng-muted" data-testid="thread-resolved-by">
          {format(s.resolvedBy, { name: thread.resolvedBy.name, time: when(thread.resolvedAt ?? thread.createdAt, lang) })}
        </p>
      )}
      {mayComment && !thread.resolved && (
        <ReplyBox
          label={s.replyLabel}
          placeholder={s.replyPlaceholder}
          openLabel={s.reply}
          openTestId="thread-reply-open"
          cancelLabel={s.cancel}
          maxLength={COMMENT_TEXT_MAX}
          submitLabel={s.replySend}
          sendingLabel={s.sending}
          emptyError={s.textRequired}
          textTestId="thread-reply-text"
          submitTestId="thread-reply-submit"
          action={reply}
          send={async (body) => (await reply.act((c, o) => replyThread(c, thread.id, { text: body, mentions: detectMentions(body) }, o))) !== undefined}
        />
      )}
      {mayResolve && (
        <FlagButton
          action={resolve}
          on={thread.resolved}
          testId="thread-resolve"
          className="ng-thread__resolve"
          onToggle={() => void resolve.act((c, o) => resolveThread(c, thread.id, !thread.resolved, o))}
        >
          {thread.resolved ? s.reopen : s.resolve}
        </FlagButton>
      )}
    </article>
  )
}
