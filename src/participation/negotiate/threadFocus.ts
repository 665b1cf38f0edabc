/**
 * "Show me this thread": a tap on a comment marker on the canvas asks the Comments tab to open and
 * bring the thread into view. The canvas layer and the side panel are separate React trees under
 * tldraw, so they meet here. One board per page: a module-level channel is enough.
 */
import { useSyncExternalStore } from 'react'

export interface ThreadFocus {
  threadId: string
  /** Grows with every request, so asking twice for the same thread scrolls to it again. */
  seq: number
}

let current: ThreadFocus | null = null
const listeners = new Set<(focus: ThreadFocus) => void>()

export function focusThread(threadId: string): void {
  current = { threadId, seq: (current?.seq ?? 0) + 1 }
  for (const listener of listeners) listener(current)
}

/** Called on every focus request (the panel opens its Comments tab); returns the unsubscribe. */
export function onThreadFocus(listener: (focus: ThreadFocus) => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

const subscribe = (notify: () => void) => onThreadFocus(notify)
const read = () => current

/** The last thread asked for (null before any). */
export function useThreadFocus(): ThreadFocus | null {
  return useSyncExternalStore(subscribe, read)
}
