/**
 * Following the projector: while the facilitator's projector shows an option or
 * a need (FacilitationState.focus), every other screen goes there too and says so, with one tap to
 * look around on one's own and one tap to follow again. Deliberately small: no presenter lead
 * that holds every screen (that is a feature of its own).
 */
import { useEffect, useRef, useState } from 'react'
import { useEditor } from 'tldraw'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import { useParticipationState } from '../ParticipationContext'
import { focusIsLive } from './projectorItems'
import { needLabel, showTarget } from './targets'
import './projector.css'

export function FocusFollow() {
  const editor = useEditor()
  const { t, lang } = useI18n()
  const s = t.negotiate.projector
  const { participation, facilitation, clockOffset } = useParticipationState()
  const [steppedOut, setSteppedOut] = useState(false)
  const [now, setNow] = useState(() => Date.now())
  const set = facilitation?.focus ?? null
  // A focus its projector stopped renewing is let go of here too (the server stops reporting it,
  // but pushes nothing at that moment): checked every few seconds while there is one.
  useEffect(() => {
    if (!set) return
    const id = setInterval(() => setNow(Date.now()), 5000)
    return () => clearInterval(id)
  }, [set])
  const focus = set && focusIsLive(set, now, clockOffset) ? set : null
  // Move once per option or need the facilitator shows, never again on the many participation
  // updates or renewals in between: the person may zoom in. Forgotten when the projector stops, so
  // the same option shown again later moves the screen again.
  const key = focus ? `${focus.kind}:${focus.id}` : null
  const moved = useRef<string | null>(null)
  useEffect(() => {
    if (key) return
    moved.current = null
    // Stepping out was from that showing; the next one is followed again.
    setSteppedOut(false)
  }, [key])

  const option = focus?.kind === 'option' ? participation?.options.find((o) => o.id === focus.id) : undefined
  const need = focus?.kind === 'need' ? participation?.needs.find((n) => n.id === focus.id) : undefined
  const known = option !== undefined || need !== undefined

  useEffect(() => {
    if (!key || !focus || !participation || !known || steppedOut || moved.current === key) return
    moved.current = key
    editor.stopCameraAnimation()
    // Not on the plan (an option without a frame): the banner still says what the room looks at.
    showTarget(editor, { kind: focus.kind, id: focus.id }, participation)
  }, [editor, key, focus, participation, known, steppedOut])

  // Another option shown after the person stepped out does not pull them back: they chose to look
  // alone until the projector stops or they tap to follow again.
  if (!focus || !participation || !known) return null
  const title = option ? option.title : need ? needLabel(need, participation, lang) : ''

  if (steppedOut) {
    return (
      <button
        type="button"
        className="button ng-focus-again"
        data-testid="focus-follow-again"
        aria-label={format(s.followAgainLabel, { title })}
        onClick={() => {
          moved.current = null
          setSteppedOut(false)
        }}
      >
        {s.followAgain}
      </button>
    )
  }
  return (
    <div className="ng-follow ng-focus" role="status" data-testid="focus-banner" data-focus-kind={focus.kind} data-focus-id={focus.id}>
      <span className="ng-focus__text">{option ? format(s.followingOption, { title }) : format(s.followingNeed, { text: title })}</span>
      <button type="button" className="button ng-focus__out" data-testid="focus-step-out" onClick={() => setSteppedOut(true)}>
        {s.stepOut}
      </button>
    </div>
  )
}
