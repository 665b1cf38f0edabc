/**
 * The meeting controls, a small floating bar: for the organizer "bring everyone to me", the shared
 * countdown and presentation mode; for everyone else presentation mode only (on their own screen).
 */
import { useEffect, useState } from 'react'
import { useEditor, useValue } from 'tldraw'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import { TIMER_SECONDS_MAX } from '../../shared/participation'
import { gatherEveryone, putLead, startTimer, stopTimer } from '../participationClient'
import { holdLead } from '../meeting/leadHolder'
import { OpenHandsButton } from '../meeting/OpenHandsButton'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { timerSeconds } from './countdown'
import { shapeBounds } from './targets'
import { useAction } from './useAction'

export function FacilitationBar({ onPresent }: { onPresent: () => void }) {
  const ui = useParticipationUi()
  const editor = useEditor()
  const { t } = useI18n()
  const s = t.negotiate.facilitation
  const l = t.meeting.lead
  const { participation, facilitation } = useParticipationState()
  const [open, setOpen] = useState(false)
  const [minutes, setMinutes] = useState('5')
  const [gathered, setGathered] = useState(false)
  const gather = useAction()
  const timer = useAction()
  const lead = useAction()
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
  // The committee, which may run the speaking order, opens hands up from here too.
  const opensHands = ui.may('callSpeaker') && facilitation !== null && !facilitation.handsOpen
  if (!ui.may('facilitate')) {
    return hasFrames || opensHands ? (
      <div className="ng-fbar ng-fbar--solo">
        {hasFrames && present}
        <OpenHandsButton />
      </div>
    ) : null
  }

  const bringEveryone = async () => {
    const { x, y, z } = editor.getCamera()
    if (await gather.act((c, o) => gatherEveryone(c, { viewport: { x, y, z } }, o))) setGathered(true)
  }
  // Take the lead: everyone follows this screen until it is released (or, timed, until the timer
  // ends). The page remembers it holds the lead, so a reload goes on presenting (useLeadCamera).
  const takeLead = async (timed: boolean) => {
    const seconds = timed ? timerSeconds(minutes, TIMER_SECONDS_MAX) : null
    if (timed && seconds === null) return lead.setError(format(s.minutesRange, { max: TIMER_SECONDS_MAX / 60 }))
    const b = editor.getViewportPageBounds()
    const viewport = { x: b.x, y: b.y, width: b.w, height: b.h }
    await lead.act(async (c, o) => {
      const state = await putLead(c, { viewport, ...(seconds !== null && { seconds, label: l.timerLabel }) }, o)
      holdLead(c.projectId, state.lead?.id ?? null)
      return state
    })
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
          {!facilitation?.lead && (
            <div className="ng-inline ng-fbar__lead">
              <button type="button" className="button button--primary ng-big" data-testid="lead-take" disabled={lead.busy} onClick={() => void takeLead(false)}>
                {l.take}
              </button>
              <button type="button" className="button ng-big" data-testid="lead-take-timed" disabled={lead.busy} onClick={() => void takeLead(true)}>
                {format(l.takeFor, { minutes: minutes.trim() || '?' })}
              </button>
            </div>
          )}
          {lead.error && <p className="ng-error" role="alert" data-testid="lead-error">{lead.error}</p>}
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
          <OpenHandsButton />
          {present}
        </div>
      )}
    </div>
  )
}
