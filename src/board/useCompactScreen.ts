/**
 * Whether the board is shown on a phone-sized screen (the same breakpoint as the stage bar's
 * compact form in workflow.css). Follows rotation and window resizes.
 */
import { useSyncExternalStore } from 'react'
import { COMPACT_QUERY } from './compactQuery'

export { COMPACT_QUERY }

function subscribe(onChange: () => void): () => void {
  if (typeof window === 'undefined' || !window.matchMedia) return () => {}
  const list = window.matchMedia(COMPACT_QUERY)
  list.addEventListener('change', onChange)
  return () => list.removeEventListener('change', onChange)
}

const read = () => typeof window !== 'undefined' && !!window.matchMedia && window.matchMedia(COMPACT_QUERY).matches

export function useCompactScreen(): boolean {
  return useSyncExternalStore(subscribe, read, () => false)
}
