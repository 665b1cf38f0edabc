/**
 * A person's hand, while the facilitator has hands up open: 举手发言 puts it in the speaking queue (one per person; the server keeps it
 * through reconnects), the button then says how many are before her and takes it down again; when
 * the facilitator calls her, her screen says "请您发言" in large letters until she taps 我说完了 or
 * the next person is called.
 */
import { useEffect, useState, useSyncExternalStore } from 'react'
import { createPortal } from 'react-dom'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import { lowerHand, raiseHand } from '../participationClient'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { useAction } from '../negotiate/useAction'

/**
 * One "请您发言" card per page. While the light view hands over to the editor both are mounted, each
 * with its own HandButton, and a card on the body escapes the light view's inert: the instance
 * mounted last (the editor) owns the card, the other draws none.
 */
const cardOwners: symbol[] = []
const ownerListeners = new Set<() => void>()
const subscribeOwners = (listener: () => void) => {
  ownerListeners.add(listener)
  return () => { ownerListeners.delete(listener) }
}
function useOwnsSpeakCard(): boolean {
  const [id] = useState(() => Symbol('speak-card'))
  useEffect(() => {
    cardOwners.push(id)
    for (const l of ownerListeners) l()
    return () => {
      cardOwners.splice(cardOwners.indexOf(id), 1)
      for (const l of ownerListeners) l()
    }
  }, [id])
  return useSyncExternalStore(subscribeOwners, () => cardOwners.at(-1) === id)
}

export function HandButton() {
  const ownsCard = useOwnsSpeakCard()
  const ui = useParticipationUi()
  const { t } = useI18n()
  const s = t.meeting.hands
  const { facilitation } = useParticipationState()
  const hand = useAction()
  // A bare role link is nobody the facilitator could call: no button (the server refuses it too).
  if (!ui || !ui.participantId || !facilitation) return null
  const me = ui.participantId
  const speaker = facilitation.speaker
  if (speaker?.participantId === me) {
    if (!ownsCard) return null
    // On the page's body, not in the canvas's layer: over everything the board shows (the phone's
    // buttons, tldraw's menus, the light view), whatever their stacking.
    return createPortal(
      <div className="mt-speak" role="alert" data-testid="speak-now">
        <strong className="mt-speak__title">{s.speakNow}</strong>
        <span>{format(s.speakNowMore, { name: speaker.byName })}</span>
        <button type="button" className="button button--primary mt-big" data-testid="speak-done" disabled={hand.busy} onClick={() => void hand.act((c, o) => lowerHand(c, o))}>
          {s.done}
        </button>
        {hand.error && <span className="mt-error" role="alert">{hand.error}</span>}
      </div>,
      document.body,
    )
  }
  const place = facilitation.hands.findIndex((h) => h.participantId === me)
  // The button only while the facilitator has hands up open: no meeting, no button to wonder about.
  if (place < 0 && (!facilitation.handsOpen || !ui.may('raiseHand'))) return null
  if (place < 0) {
    return (
      <div className="mt-hand">
        <button type="button" className="button mt-big" data-testid="hand-raise" aria-label={s.raiseLabel} disabled={hand.busy} onClick={() => void hand.act((c, o) => raiseHand(c, o))}>
          {s.raise}
        </button>
        {hand.error && <span className="mt-error" role="alert">{hand.error}</span>}
      </div>
    )
  }
  return (
    <div className="mt-hand mt-hand--up" role="status" data-testid="hand-up" data-place={place + 1}>
      <span className="mt-lead__text">{place === 0 ? s.waitingFirst : format(s.waiting, { ahead: place })}</span>
      <button type="button" className="button mt-lead__button" data-testid="hand-lower" disabled={hand.busy} onClick={() => void hand.act((c, o) => lowerHand(c, o))}>
        {s.lower}
      </button>
      {hand.error && <span className="mt-error" role="alert">{hand.error}</span>}
    </div>
  )
}
