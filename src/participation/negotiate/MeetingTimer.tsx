/**
 * The shared countdown everyone sees during the meeting, counted on the server's clock so a phone
 * whose clock is wrong shows the same time as the projector.
 */
import { useEffect, useState } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import { useParticipationState } from '../ParticipationContext'
import { formatCountdown, timerRemainingMs } from './countdown'

export function MeetingTimer() {
  const { t } = useI18n()
  const s = t.negotiate.timer
  const { facilitation, clockOffset } = useParticipationState()
  const timer = facilitation?.timer ?? null
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!timer) return
    const id = setInterval(() => setNow(Date.now()), 250)
    return () => clearInterval(id)
  }, [timer])
  if (!timer) return null
  const left = timerRemainingMs(timer, now, clockOffset)
  const over = left <= 0
  return (
    <div
      className={`ng-timer${over ? ' ng-timer--over' : left < 60_000 ? ' ng-timer--soon' : ''}`}
      data-testid="timer-display"
      data-remaining-seconds={Math.ceil(left / 1000)}
      role="timer"
      aria-label={s.label}
    >
      <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
        <circle cx="10" cy="11" r="7" fill="none" stroke="currentColor" strokeWidth="2" />
        <path d="M10 11V7M8 2h4" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      {timer.label && <span className="ng-timer__label">{timer.label}</span>}
      <strong className="ng-timer__time">{over ? s.over : formatCountdown(left)}</strong>
    </div>
  )
}
