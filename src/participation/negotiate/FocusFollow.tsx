/**
 * Following the projector (issue 14 point 4): while the facilitator's projector shows an option or
 * a need (FacilitationState.focus), every other screen goes there too and says so, with one tap to
 * look around on one's own and one tap to follow again. Deliberately small: a full presenter lead is
 * issue 18.
 */
import { useEffect, useRef, useState } from 'react'
import { useEditor } from 'tldraw'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import { useParticipationState } from '../ParticipationContext'
import { needLabel, showTarget } from './targets'
import './projector.css'

export function FocusFollow() {
  const editor = useEditor()
  const { t, lang } = useI18n()
  const s = t.negotiate.projector
  const { participation, facilitation } = useParticipationState()
  const focus = facilitation?.focus ?? null
  const [steppedOut, setSteppedOut] = useState(false)
  // Move once per focus the facilitator sets (kind, id and time: choosing A again after B is a new
  // moment), never again on the many participation updates in between: the person may zoom in.
  const key = focus ? `${focus.kind}:${focus.id}:${focus.at}` : null
  const moved = useRef<string | null>(null)

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

  // A new focus after the person stepped out does not pull them back: they chose to look alone.
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
