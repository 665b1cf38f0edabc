/**
 * One text box open at a time, on the whole page. A phone showed a new-comment box and a reply box
 * at once, with the send button under the fold: nobody knew which box the button sends. A box (a
 * reply, a new comment) is open only while it holds the turn; opening another takes the turn and
 * folds the first back to its button. What was typed is kept: the folded box stays mounted.
 */
import { useCallback, useEffect, useId, useSyncExternalStore } from 'react'

let holder: string | null = null
const listeners = new Set<() => void>()

function setHolder(next: string | null): void {
  if (holder === next) return
  holder = next
  for (const listener of listeners) listener()
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export interface TextBoxTurn {
  open: boolean
  take: () => void
  release: () => void
}

export function useTextBoxTurn(): TextBoxTurn {
  const id = useId()
  const open = useSyncExternalStore(subscribe, () => holder === id, () => false)
  const take = useCallback(() => setHolder(id), [id])
  const release = useCallback(() => {
    if (holder === id) setHolder(null)
  }, [id])
  // A box that goes away (its thread resolved, the card closed) gives the turn back.
  useEffect(() => release, [release])
  return { open, take, release }
}

/**
 * After the keyboard has come up (it shrinks a phone's viewport some 300 ms after focus), bring the
 * box's send button into view: it sits right under the box, and must not be under the keyboard.
 */
export function showSendButton(button: HTMLElement | null | undefined): void {
  if (!button) return
  setTimeout(() => button.scrollIntoView({ block: 'nearest', behavior: 'smooth' }), 350)
}
