/**
 * The notice panel of the organizer and the committee: open a notice period (the organizer, in
 * 方案定稿) with the reasons for the needs the plan leaves out; then the public link with its QR code,
 * the printable sheet (A4, A3), the end date and an early close (the organizer), and every public
 * comment to answer (the committee and the organizer) or hide with a reason.
 */
import { useCallback, useEffect, useState } from 'react'
import { noticeDrawing } from '../export'
import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/lang'
import { ApiRequestError } from '../net/api'
import { participationErrorText } from '../participation'
import { HIDE_REASONS, type HideReason } from '../shared/moderation'
import type { NoticeComment, NoticeRecord, NoticeState } from '../shared/notice'
import { can, type Role, type Stage } from '../shared/workflow'
import { Dialog } from '../ui/Dialog'
import { commentAction, closeNotice, getNoticeState, openNotice, sheetUrl, updateNotice, type NoticeCaller } from './noticeClient'
import { dateValue, daysOf, periodOf, showDate } from './noticeDates'
import './notice.css'

interface NoticeDialogProps {
  projectId: string
  token: string
  role: Role
  stage: Stage
  onChange: (state: NoticeState) => void
  onClose: () => void
}

const WEEK_MS = 6 * 24 * 60 * 60 * 1000
/** In WeChat's own browser a download does nothing: the person is told to open the page in a browser. */
const inWeChat = typeof navigator !== 'undefined' && /MicroMessenger/i.test(navigator.userAgent)

export function NoticeDialog({ projectId, token, role, stage, onChange, onClose }: NoticeDialogProps) {
  const { t, lang } = useI18n()
  const s = t.notice
  const caller: NoticeCaller = { projectId, token }
  const [state, setState] = useState<NoticeState | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const words = useCallback((err: unknown) => {
    const worded = err instanceof ApiRequestError && err.code ? participationErrorText(err.code, t, lang) : null
    return worded ?? (err instanceof Error ? err.message : String(err))
  }, [lang, t])
  /** Runs a call that answers the new state; shows its refusal in words. */
  const run = useCallback(async (call: () => Promise<NoticeState>) => {
    setBusy(true)
    setError(null)
    try {
      const next = await call()
      setState(next)
      onChange(next)
      return true
    } catch (err) {
      setError(words(err))
      return false
    } finally {
      setBusy(false)
    }
  }, [onChange, words])

  useEffect(() => {
    void run(() => getNoticeState({ projectId, token }, { t, lang }))
    // Loaded once when opened; every change answers the new state.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const current = state?.notices.at(-1) ?? null
  const running = current && (current.period.status === 'open' || current.period.status === 'upcoming')
  return (
    <Dialog title={s.title} testId="notice-dialog" onClose={onClose}>
      <div className="nt-admin">
        {error && <p className="field-error" role="alert" data-testid="notice-error">{error}</p>}
        {!state && !error && <p className="wf-muted">{s.loading}</p>}
        {state && state.canOpen && <OpenForm state={state} busy={busy} onOpen={(body) => run(async () => {
          const drawing = await noticeDrawing(projectId, state.optionFrameId).catch(() => null)
          return openNotice(caller, { ...body, ...(drawing && { optionSvg: drawing.svg, ...(drawing.bounds && { optionBounds: drawing.bounds }) }) }, { t, lang })
        })} />}
        {state && !state.canOpen && !current && <p className="wf-muted">{s.notAgreed}</p>}
        {current && (
          <NoticeCard
            notice={current}
            organizer={role === 'organizer' && can(role, stage, 'notice') && !!running}
            mayAnswer={can(role, stage, 'answerNotice')}
            busy={busy}
            onEnd={(endsAt) => run(() => updateNotice(caller, current.id, { endsAt }, { t, lang }))}
            onClose={() => run(() => closeNotice(caller, current.id, { t, lang }))}
            onComment={(id, action, body) => run(() => commentAction(caller, current.id, id, action, body, { t, lang }))}
          />
        )}
        {state && state.notices.length > 1 && (
          <details className="nt-history">
            <summary>{s.history}</summary>
            {state.notices.slice(0, -1).reverse().map((n) => (
              <p key={n.id} className="wf-muted">
                {s.status[n.period.status]} · {format(s.period, { start: showDate(n.period.startsAt, lang), end: showDate(n.period.endsAt, lang) })} · {n.comments.length}
              </p>
            ))}
          </details>
        )}
      </div>
    </Dialog>
  )
}

function OpenForm({ state, busy, onOpen }: { state: NoticeState; busy: boolean; onOpen: (body: { startsAt: number; endsAt: number; reasons: Record<string, string> }) => Promise<boolean> }) {
  const { t } = useI18n()
  const s = t.notice
  const [start, setStart] = useState(() => dateValue(Date.now()))
  const [end, setEnd] = useState(() => dateValue(Date.now() + WEEK_MS))
  const [reasons, setReasons] = useState<Record<string, string>>({})
  const period = periodOf(start, end)
  const days = daysOf(start, end)
  return (
    <form className="nt-open" data-testid="notice-open-form" onSubmit={(e) => {
      e.preventDefault()
      if (period) void onOpen({ ...period, reasons: Object.fromEntries(Object.entries(reasons).filter(([, v]) => v.trim())) })
    }}>
      <p className="wf-muted">{s.intro}</p>
      {!state.optionFrameId && <p className="nt-note" role="note">{s.drawingMissing}</p>}
      <div className="nt-dates">
        <label className="wf-field">
          <span className="wf-field__label">{s.startLabel}</span>
          <input type="date" className="text-input" data-testid="notice-start" value={start} onChange={(e) => setStart(e.target.value)} required />
        </label>
        <label className="wf-field">
          <span className="wf-field__label">{s.endLabel}</span>
          <input type="date" className="text-input" data-testid="notice-end" value={end} min={start} onChange={(e) => setEnd(e.target.value)} required />
        </label>
        {days > 0 && <span className="wf-muted">{format(s.days, { days })}</span>}
      </div>
      {state.notAddressed.length > 0 && (
        <fieldset className="nt-reasons">
          <legend className="wf-field__label">{s.reasonsTitle}</legend>
          {state.notAddressed.map((n) => (
            <label key={n.id} className="wf-field">
              <span>{n.text}</span>
              <input
                className="text-input"
                data-testid="notice-reason"
                placeholder={s.reasonPlaceholder}
                maxLength={300}
                value={reasons[n.id] ?? ''}
                onChange={(e) => setReasons({ ...reasons, [n.id]: e.target.value })}
              />
            </label>
          ))}
        </fieldset>
      )}
      <button type="submit" className="button button--primary" data-testid="notice-open" disabled={busy || !period}>{busy ? s.busy : s.open}</button>
    </form>
  )
}

interface NoticeCardProps {
  notice: NoticeRecord
  organizer: boolean
  mayAnswer: boolean
  busy: boolean
  onEnd: (endsAt: number) => Promise<boolean>
  onClose: () => Promise<boolean>
  onComment: (commentId: string, action: 'answer' | 'hide' | 'restore', body: unknown) => Promise<boolean>
}

function NoticeCard({ notice, organizer, mayAnswer, busy, onEnd, onClose, onComment }: NoticeCardProps) {
  const { t, lang } = useI18n()
  const s = t.notice
  const url = `${window.location.origin}${notice.link}`
  const [qr, setQr] = useState<string | null>(null)
  const [copied, setCopied] = useState(false)
  const [end, setEnd] = useState(() => dateValue(notice.period.endsAt))
  useEffect(() => {
    let live = true
    void import('qrcode').then((QRCode) => QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 4, width: 480 })).then((data) => live && setQr(data), () => undefined)
    return () => { live = false }
  }, [url])
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url)
      setCopied(true)
    } catch {
      setCopied(false)
    }
  }
  const period = notice.period
  return (
    <section className="nt-current" data-testid="notice-current" data-status={period.status}>
      <p className="nt-period">
        <span className={`nt-status nt-status--${period.status}`}>{s.status[period.status]}</span>{' '}
        {format(s.period, { start: showDate(period.startsAt, lang), end: showDate(period.endsAt, lang) })}
      </p>
      <label className="wf-field">
        <span className="wf-field__label">{s.link}</span>
        <input className="text-input" readOnly value={url} data-testid="notice-link" onFocus={(e) => e.target.select()} />
      </label>
      <div className="nt-row">
        <button type="button" className="button" onClick={() => void copy()}>{copied ? s.copied : s.copy}</button>
        <a className="button" href={notice.link} target="_blank" rel="noopener">{s.openPage}</a>
      </div>
      {qr && <img className="nt-qr" src={qr} alt={s.qrHint} width={180} height={180} data-testid="notice-qr" />}
      <h3 className="nt-sub">{s.sheetTitle}</h3>
      <div className="nt-row">
        <a className="button" data-testid="notice-sheet-a4" href={sheetUrl(notice.token, 'a4', lang)} download>{s.sheetA4}</a>
        <a className="button" data-testid="notice-sheet-a3" href={sheetUrl(notice.token, 'a3', lang)} download>{s.sheetA3}</a>
      </div>
      {inWeChat && <p className="nt-note" role="note">{s.wechatHint}</p>}
      {organizer && (
        <div className="nt-row nt-end">
          <label className="wf-field">
            <span className="wf-field__label">{s.endChange}</span>
            <input type="date" className="text-input" value={end} onChange={(e) => setEnd(e.target.value)} />
          </label>
          <button type="button" className="button" disabled={busy} onClick={() => {
            const p = periodOf(dateValue(period.startsAt), end)
            if (p) void onEnd(p.endsAt)
          }}>{s.saveEnd}</button>
          <button type="button" className="button button--danger" data-testid="notice-close" disabled={busy} onClick={() => {
            if (window.confirm(s.closeConfirm)) void onClose()
          }}>{s.close}</button>
        </div>
      )}
      <h3 className="nt-sub">{s.commentsTitle}{notice.unanswered > 0 && <span className="nt-badge" data-testid="notice-unanswered"> {format(s.unanswered, { count: notice.unanswered })}</span>}</h3>
      {notice.comments.length === 0 && <p className="wf-muted">{s.commentsEmpty}</p>}
      <ol className="nt-comments">
        {[...notice.comments].reverse().map((c) => (
          <AdminComment key={c.id} comment={c} mayAnswer={mayAnswer} busy={busy} onComment={onComment} />
        ))}
      </ol>
    </section>
  )
}

function AdminComment({ comment, mayAnswer, busy, onComment }: { comment: NoticeComment; mayAnswer: boolean; busy: boolean; onComment: NoticeCardProps['onComment'] }) {
  const { t, lang } = useI18n()
  const s = t.notice
  const [answer, setAnswer] = useState(comment.answer?.text ?? '')
  const [reason, setReason] = useState<HideReason>('offTopic')
  return (
    <li className={`nt-comment${comment.hidden ? ' nt-comment--hidden' : ''}`} data-testid="notice-admin-comment">
      <p className="nt-comment__text">{comment.text}</p>
      <p className="wf-muted">{showDate(comment.createdAt, lang)}</p>
      {comment.hidden && <p className="nt-note">{format(s.hiddenNote, { reason: t.moderation.reasons[comment.hidden.reason] })}</p>}
      {comment.answer && <p className="nt-answer" data-testid="notice-admin-answer"><strong>{s.answered}：</strong>{comment.answer.text}</p>}
      {mayAnswer && !comment.hidden && (
        <form className="nt-answer-form" onSubmit={(e) => {
          e.preventDefault()
          if (answer.trim()) void onComment(comment.id, 'answer', { text: answer })
        }}>
          <textarea className="text-input" rows={2} data-testid="notice-answer-text" placeholder={s.answerPlaceholder} value={answer} onChange={(e) => setAnswer(e.target.value)} />
          <button type="submit" className="button button--primary" data-testid="notice-answer-send" disabled={busy}>{comment.answer ? s.answerEdit : s.answerSend}</button>
        </form>
      )}
      <div className="nt-row">
        {comment.hidden ? (
          <button type="button" className="button" disabled={busy} onClick={() => void onComment(comment.id, 'restore', {})}>{s.restore}</button>
        ) : (
          <>
            <select className="text-input nt-select" value={reason} aria-label={t.moderation.reasonLabel} onChange={(e) => setReason(HIDE_REASONS.find((r) => r === e.target.value) ?? 'offTopic')}>
              {HIDE_REASONS.filter((r) => r !== 'other').map((r) => <option key={r} value={r}>{t.moderation.reasons[r]}</option>)}
            </select>
            <button type="button" className="button" data-testid="notice-hide" disabled={busy} onClick={() => void onComment(comment.id, 'hide', { reason })}>{s.hide}</button>
          </>
        )}
      </div>
    </li>
  )
}
