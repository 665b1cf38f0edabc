/**
 * Where large-text mode is remembered and how it shows, without React or its stylesheet: the app
 * (largeText.ts) and the boot script (src/app/bootView.ts, which paints before the app's code has
 * run and must already be in the reader's text size) read it the same way.
 */
import { browserStore, readString, type KeyValueStore } from '../device/localStore'

export const LARGE_TEXT_KEY = 'largeText'
/** The class on <html> that largeText.css derives the larger type from. */
export const LARGE_TEXT_CLASS = 'cg-large-text'

export function readLargeText(store: KeyValueStore | null = browserStore()): boolean {
  return readString(LARGE_TEXT_KEY, store) === 'on'
}

export function setRootClass(on: boolean): void {
  if (typeof document === 'undefined') return
  document.documentElement.classList.toggle(LARGE_TEXT_CLASS, on)
}
