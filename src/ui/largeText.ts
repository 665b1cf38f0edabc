/**
 * Large-text mode for elderly residents: one class on <html>; largeText.css derives from it larger
 * type, larger touch targets and a zoomed board chrome. Remembered on this device; applied before the
 * first render (applyLargeTextSetting in src/app/main.tsx) so the page never flashes small first.
 */
import { useSyncExternalStore } from 'react'
import { writeString } from '../device/localStore'
import { LARGE_TEXT_CLASS, LARGE_TEXT_KEY, readLargeText, setRootClass } from './largeTextSetting'
import './largeText.css'

export { LARGE_TEXT_CLASS, readLargeText }

const listeners = new Set<() => void>()

/** Apply the remembered choice; call once at app start. */
export function applyLargeTextSetting(): void {
  setRootClass(readLargeText())
}

/** Switch large text on or off, remember it, and tell every toggle on the page. */
export function setLargeText(on: boolean): void {
  writeString(LARGE_TEXT_KEY, on ? 'on' : 'off')
  setRootClass(on)
  for (const listener of listeners) listener()
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

// Reads the class, not storage: when storage is unavailable the mode still works for this visit.
const isOn = () => typeof document !== 'undefined' && document.documentElement.classList.contains(LARGE_TEXT_CLASS)

export function useLargeText(): boolean {
  return useSyncExternalStore(subscribe, isOn, () => false)
}
