/**
 * The public notice page, /n/<token>: what anyone with the printed QR code or the link sees, with no
 * sign-in — the agreed plan (a picture the server made: no tldraw, no board connection), what the
 * plan answers and what not and why, the results without names, and the comments with the
 * committee's answers; during the period, a comment form with no name field.
 *
 * Built for a cheap phone on a slow connection: one small JSON, then the picture, which loads on its
 * own (the text is readable before it comes). Large type by default.
 */
import { useCallback, useEffect, useState } from 'react'
import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/lang'
import { LangSwitch } from '../i18n/LangSwitch'
import { ApiRequestError } from '../net/api'
import { participationErrorText } from '../participation'
import { NOTICE_COMMENT_MAX, type PublicNotice } from '../shared/notice'
import { getPublicNotice, planUrl, postPublicComment } from './noticeClient'
import { showDate } from './noticeDates'
import './notice.css'

type Load = { kind: 'loading' } | { kind: 'ready'; notice: PublicNotice } | { kind: 'missing' } | { kind: 'failed'; message: string }

export function NoticePage({ token }: { token: string }) {
  const { t, lang } = useI18n()
  const p = t.notice.page
  const [load, setLoad] = useState<Load>({ kind: 'loading' })

  useEffect(() => {
    const ac = new AbortController()
    getPublicNotice(token, { t, lang, signal: ac.signal }).then(
      (notice) => setLoad({ kind: 'ready', notice }),
      (err: unknown) => {
        if (ac.signal.aborted) return
        if (err instanceof ApiRequestError && err.status === 404) setLoad({ kind: 'missing' })
        else setLoad({ kind: 'failed', message: err instanceof Error ? err.message : String(err) })
      },
    )
    return () => ac.abort()
    // The strings are not a reason to fetch again (a language switch re-renders what was fetched).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [token])
  useEffect(() => {
    document.title = load.kind === 'ready' ? `${p.heading} · ${load.notice.project.name}` : p.heading
  }, [load, p.heading])

  return (
    <main className="nt-page" data-testid="notice-page" lang={lang}>
      <header className="nt-top">
        <span className="nt-top__label">{p.heading}</span>
        <LangSwitch />
      </header>
      {load.kind === 'loading' && <p className="nt-muted" role="status">{p.loading}</p>}
      {load.kind === 'missing' && <p className="nt-problem" role="alert" data-testid="notice-missing">{p.notFound}</p>}
      {load.kind === 'failed' && <p className="nt-problem" role="alert">{load.message}</p>}
      {load.kind === 'ready' && <NoticeBody token={token} notice={load.notice} onChange={(notice) => setLoad({ kind: 'ready', notice })} />}
    </main>
  )
}

function NoticeBody({ token, notice, onChange }: { token: string; notice: PublicNotice; onChange: (n: PublicNotice) => void }) {
  const { t, lang } = useI18n()
  const p = t.notice.page
  const s = t.notice
  const en = lang === 'en'
  const period = notice.period
  return (
    <>
      <section className="nt-head">
        <h1 className="nt-title" data-testid="notice-title">{notice.project.name}</h1>
        {(notice.project.site || notice.project.area) && <p className="nt-muted">{[notice.project.site, notice.project.area].filter(Boolean).join(' · ')}</p>}
        <p className="nt-period" data-testid="notice-period">
          <span className={`nt-status nt-status--${period.status}`}>{s.status[period.status]}</span>{' '}
          {format(s.period, { start: showDate(period.startsAt, lang), end: showDate(period.endsAt, lang) })}
        </p>
      </section>

      <section className="nt-card" aria-labelledby="nt-option">
        <h2 id="nt-option">{p.option}</h2>
        {notice.option && <p className="nt-option-title" data-testid="notice-option">{notice.option.title}</p>}
        {notice.agreedAt !== null && <p className="nt-muted">{format(p.agreedOn, { date: showDate(notice.agreedAt, lang) })}</p>}
        {notice.hasPlan ? (
          <a href={planUrl(token)} target="_blank" rel="noopener" className="nt-plan-link">
            <img className="nt-plan" src={planUrl(token)} alt={p.planAlt} data-testid="notice-plan" decoding="async" />
          </a>
        ) : (
          <p className="nt-muted">{p.noPlan}</p>
        )}
        {notice.option?.description && <p className="nt-text">{notice.option.description}</p>}
      </section>

      <section className="nt-card" aria-labelledby="nt-addressed">
        <h2 id="nt-addressed">{p.addressed}</h2>
        {notice.addressed.length === 0 ? <p className="nt-muted">{p.none}</p> : (
          <ul className="nt-needs" data-testid="notice-addressed">
            {notice.addressed.map((n) => (
              <li key={n.id}>
                <span className="nt-tag">{en ? n.categoryEn : n.categoryZh}</span> {n.text}
                <span className="nt-muted nt-support"> · {format(p.support, { count: n.support })}</span>
              </li>
            ))}
          </ul>
        )}
        <h2>{p.notAddressed}</h2>
        {notice.notAddressed.length === 0 ? <p className="nt-muted">{p.none}</p> : (
          <ul className="nt-needs" data-testid="notice-not-addressed">
            {notice.notAddressed.map((n) => (
              <li key={n.id}>
                <span className="nt-tag">{en ? n.categoryEn : n.categoryZh}</span> {n.text}
                <span className="nt-reason">{n.reason ? format(p.reason, { reason: n.reason }) : p.noReason}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="nt-card" aria-labelledby="nt-results" data-testid="notice-results">
        <h2 id="nt-results">{p.votes}</h2>
        {notice.votes.map((v) => {
          const max = Math.max(1, ...v.results.map((r) => r.points))
          return (
            <div key={v.id} className="nt-vote">
              <p className="nt-muted">{format(p.ballots, { count: v.ballots })}</p>
              {v.results.map((r, i) => (
                <div key={i} className="nt-bar">
                  <span className="nt-bar__label">{r.title}</span>
                  <span className="nt-bar__track"><span className="nt-bar__fill" style={{ width: `${(100 * r.points) / max}%` }} /></span>
                  <span className="nt-bar__value">{format(p.points, { points: r.points })}</span>
                </div>
              ))}
            </div>
          )
        })}
        <p className="nt-approvals">
          {notice.approvals.quorum === null
            ? format(p.approvals, { count: notice.approvals.count })
            : format(p.approvalsQuorum, { count: notice.approvals.count, quorum: notice.approvals.quorum })}
        </p>
      </section>

      <section className="nt-card" aria-labelledby="nt-comments">
        <h2 id="nt-comments">{p.comments}</h2>
        {period.status === 'open'
          ? <CommentForm token={token} onSent={onChange} />
          : <p className="nt-note" role="note" data-testid="notice-closed">{format(p.closed[period.status === 'upcoming' ? 'upcoming' : period.status], { date: showDate(period.startsAt, lang) })}</p>}
        {notice.comments.length === 0 ? <p className="nt-muted">{p.commentsEmpty}</p> : (
          <ol className="nt-comments" data-testid="notice-comments">
            {[...notice.comments].reverse().map((c) => (
              <li key={c.id} className="nt-comment" data-testid="notice-comment">
                <p className="nt-comment__text">{c.text}</p>
                <p className="nt-muted nt-comment__time">{showDate(c.createdAt, lang)}</p>
                {c.answer && (
                  <div className="nt-answer" data-testid="notice-answer">
                    <p className="nt-answer__who">{p.answer}</p>
                    <p className="nt-comment__text">{c.answer.text}</p>
                  </div>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  )
}

function CommentForm({ token, onSent }: { token: string; onSent: (n: PublicNotice) => void }) {
  const { t, lang } = useI18n()
  const p = t.notice.page
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [sent, setSent] = useState(false)
  const count = [...text.trim()].length
  const send = useCallback(async () => {
    if (count === 0) return setProblem(p.empty)
    if (count > NOTICE_COMMENT_MAX) return setProblem(format(p.tooLong, { max: NOTICE_COMMENT_MAX, count }))
    setBusy(true)
    setProblem(null)
    try {
      onSent(await postPublicComment(token, text, { t, lang }))
      setText('')
      setSent(true)
    } catch (err) {
      const worded = err instanceof ApiRequestError && err.code ? participationErrorText(err.code, t, lang) : null
      setProblem(worded ?? (err instanceof Error ? err.message : String(err)))
    } finally {
      setBusy(false)
    }
  }, [count, lang, onSent, p, t, text, token])

  return (
    <form className="nt-form" onSubmit={(e) => { e.preventDefault(); void send() }}>
      <label className="nt-form__label" htmlFor="nt-comment">{p.formTitle}</label>
      <p className="nt-muted">{p.formHint}</p>
      <textarea
        id="nt-comment"
        className="nt-form__text"
        data-testid="notice-comment-text"
        rows={4}
        value={text}
        onChange={(e) => { setText(e.target.value); setSent(false) }}
        aria-invalid={count > NOTICE_COMMENT_MAX || undefined}
      />
      <p className={count > NOTICE_COMMENT_MAX ? 'nt-problem' : 'nt-muted'}>{count} / {NOTICE_COMMENT_MAX}</p>
      {problem && <p className="nt-problem" role="alert">{problem}</p>}
      {sent && <p className="nt-ok" role="status" data-testid="notice-sent">{p.sent}</p>}
      <button type="submit" className="nt-button" data-testid="notice-send" disabled={busy}>{busy ? p.sending : p.send}</button>
    </form>
  )
}
