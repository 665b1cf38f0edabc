/**
 * Large-text mode for elderly residents: one class on <html>; largeText.css derives from it larger
 * type, larger touch targets and a zoomed board chrome. Remembered on this device; applied before the
 * first render (applyLargeTextSetting in src/app/main.tsx) so the page never flashes small first.
 */
import { useSyncExternalStore } from 'react'
import { LARGE_TEXT_CLASS, LARGE_TEXT_EVENT, readLargeText, setRootClass, switchLargeText } from './largeTextSetting'
import './largeText.css'

export { LARGE_TEXT_CLASS, readLargeText }

/** Apply the remembered choice; call once at app start. */
export function applyLargeTextSetting(): void {
  setRootClass(readLargeText())
}

/** Switch large text on or off, remember it, and tell every toggle on the page (and the boot view's). */
export const setLargeText = switchLargeText

function subscribe(listener: () => void): () => void {
  window.addEventListener(LARGE_TEXT_EVENT, listener)
  return () => window.removeEventListener(LARGE_TEXT_EVENT, listener)
}

// Reads the class, not storage: when storage is unavailable the mode still works for this visit.
const isOn = () => typeof document !== 'undefined' && document.documentElement.classList.contains(LARGE_TEXT_CLASS)

export function useLargeText(): boolean {
  return useSyncExternalStore(subscribe, isOn, () => false)
}
