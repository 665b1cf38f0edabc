/**
 * The meeting controls, a small floating bar: for the organizer "bring everyone to me", the shared
 * countdown and presentation mode; for everyone else presentation mode only (on their own screen).
 */
import { useEffect, useState } from 'react'
import { useEditor, useValue } from 'tldraw'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import { TIMER_SECONDS_MAX } from '../../shared/participation'
import { gatherEveryone, startTimer, stopTimer } from '../participationClient'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { timerSeconds } from './countdown'
import { shapeBounds } from './targets'
import { useAction } from './useAction'

export function FacilitationBar({ onPresent }: { onPresent: () => void }) {
  const ui = useParticipationUi()
  const editor = useEditor()
  const { t } = useI18n()
  const s = t.negotiate.facilitation
  const { participation, facilitation } = useParticipationState()
  const [open, setOpen] = useState(false)
  const [minutes, setMinutes] = useState('5')
  const [gathered, setGathered] = useState(false)
  const gather = useAction()
  const timer = useAction()
  const hasFrames = useValue(
    'cg has option frames',
    () => (participation?.options ?? []).some((o) => shapeBounds(editor, o.frameShapeId) !== null),
    [editor, participation],
  )
  useEffect(() => {
    if (!gathered) return
    const id = setTimeout(() => setGathered(false), 4000)
    return () => clearTimeout(id)
  }, [gathered])
  if (!ui) return null

  const present = (
    <button type="button" className="button ng-fbar__button" data-testid="presentation-start" disabled={!hasFrames} title={hasFrames ? undefined : s.noFrames} onClick={onPresent}>
      {s.present}
    </button>
  )
  // Everyone else may present on their own screen (a projector laptop); a phone is no projector.
  if (!ui.may('facilitate')) return hasFrames ? <div className="ng-fbar ng-fbar--solo">{present}</div> : null

  const bringEveryone = async () => {
    const { x, y, z } = editor.getCamera()
    if (await gather.act((c, o) => gatherEveryone(c, { viewport: { x, y, z } }, o))) setGathered(true)
  }
  const start = async () => {
    const seconds = timerSeconds(minutes, TIMER_SECONDS_MAX)
    if (seconds === null) return timer.setError(format(s.minutesRange, { max: TIMER_SECONDS_MAX / 60 }))
    await timer.act((c, o) => startTimer(c, { seconds }, o))
  }

  return (
    <div className={`ng-fbar${open ? ' ng-fbar--open' : ''}`} data-testid="facilitation-bar">
      <button type="button" className="button ng-fbar__button ng-fbar__toggle" data-testid="facilitation-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? s.hide : s.show}
      </button>
      {open && (
        <div className="ng-fbar__panel">
          <button type="button" className="button button--primary ng-big ng-wide" data-testid="gather-everyone" disabled={gather.busy} onClick={() => void bringEveryone()}>
            {s.gather}
          </button>
          {gathered && <p className="ng-ok" role="status">{s.gathered}</p>}
          {gather.error && <p className="ng-error" role="alert">{gather.error}</p>}
          <form
            noValidate
            className="ng-inline ng-fbar__timer"
            onSubmit={(e) => {
              e.preventDefault()
              void start()
            }}
          >
            <label className="ng-inline">
              <input
                className="ng-input ng-input--number"
                data-testid="timer-minutes"
                type="number"
                inputMode="decimal"
                min={1}
                max={TIMER_SECONDS_MAX / 60}
                value={minutes}
                onChange={(e) => setMinutes(e.target.value)}
              />
              <span>{s.minutes}</span>
            </label>
            <button type="submit" className="button" data-testid="timer-start" disabled={timer.busy}>
              {facilitation?.timer ? s.restartTimer : s.startTimer}
            </button>
            {facilitation?.timer && (
              <button type="button" className="button" data-testid="timer-stop" disabled={timer.busy} onClick={() => void timer.act((c, o) => stopTimer(c, o))}>
                {s.stopTimer}
              </button>
            )}
          </form>
          {timer.error && <p className="ng-error" role="alert" data-testid="timer-error">{timer.error}</p>}
          {present}
        </div>
      )}
    </div>
  )
}
