/**
 * The facilitator's speaking queue (organizer and committee: `callSpeaker`): the hands in the order
 * they went up, with names and how long each has waited, who speaks now, 请下一位发言 and 结束举手发言.
 * Shown while hands up is open (OpenHandsButton opens it); folded to one button, which counts the hands.
 */
import { useEffect, useState } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import { callNextSpeaker, clearHands } from '../participationClient'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { useAction } from '../negotiate/useAction'

const MINUTE = 60_000

export function SpeakingQueue() {
  const ui = useParticipationUi()
  const { t } = useI18n()
  const s = t.meeting.hands
  const { facilitation, clockOffset } = useParticipationState()
  // Open at first: whoever opened hands up is about to run the queue.
  const [open, setOpen] = useState(true)
  const [now, setNow] = useState(() => Date.now())
  const act = useAction()
  const hands = facilitation?.hands ?? []
  const waiting = open && hands.length > 0
  // The wait times are in minutes: a refresh every 15 s keeps them true without re-rendering often.
  useEffect(() => {
    if (!waiting) return
    const id = setInterval(() => setNow(Date.now()), 15_000)
    return () => clearInterval(id)
  }, [waiting])
  if (!ui || !ui.may('callSpeaker') || !facilitation) return null
  const speaker = facilitation.speaker
  const title = format(s.queueTitle, { count: hands.length })

  // Opened from the meeting tools (OpenHandsButton); until then the queue takes no room on the board.
  if (!facilitation.handsOpen) return null
  if (!open) {
    return (
      <button type="button" className="button mt-queue-toggle" data-testid="queue-open" data-count={hands.length} aria-expanded={false} onClick={() => {
        setNow(Date.now())
        setOpen(true)
      }}>
        {title}
      </button>
    )
  }
  const serverNow = now + clockOffset
  return (
    <section className="mt-queue" data-testid="speaking-queue" aria-label={title}>
      <div className="mt-queue__head">
        <h2 className="mt-queue__title">{title}</h2>
        <button type="button" className="button mt-lead__button" aria-expanded onClick={() => setOpen(false)}>
          {t.negotiate.facilitation.hide}
        </button>
      </div>
      {speaker && <p className="mt-queue__speaker" data-testid="queue-speaker">{format(s.speaking, { name: speaker.name })}</p>}
      {hands.length === 0 ? (
        <p className="mt-queue__empty">{s.queueEmpty}</p>
      ) : (
        <ol className="mt-queue__list">
          {hands.map((h) => {
            const minutes = Math.floor((serverNow - h.at) / MINUTE)
            return (
              <li key={h.participantId} data-testid="queue-hand" data-participant-id={h.participantId}>
                <span className="mt-queue__name">{h.name}</span>
                <span className="mt-queue__wait">{minutes < 1 ? s.waitedJustNow : format(s.waited, { minutes })}</span>
              </li>
            )
          })}
        </ol>
      )}
      <div className="mt-queue__actions">
        <button type="button" className="button button--primary mt-big" data-testid="queue-next" disabled={act.busy || hands.length === 0} onClick={() => void act.act((c, o) => callNextSpeaker(c, o))}>
          {s.callNext}
        </button>
        <button type="button" className="button" data-testid="hands-end" disabled={act.busy} onClick={() => void act.act((c, o) => clearHands(c, o))}>
          {s.end}
        </button>
      </div>
      {act.error && <p className="mt-error" role="alert">{act.error}</p>}
    </section>
  )
}
