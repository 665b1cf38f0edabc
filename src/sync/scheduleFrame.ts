/**
 * A scheduler for bindStoreToYDoc (BindOptions.schedule): run `flush` before the next frame is
 * painted, so remote changes arriving in a burst reach tldraw as one store transaction per frame.
 */

/**
 * How long a scheduled flush may wait for a frame before it runs anyway. requestAnimationFrame does
 * not fire while the tab is hidden (another tab in front, a phone's screen off), and changes queued
 * there would otherwise never reach the store: whatever reads it (an export, a panel, the edit the
 * person makes on coming back) would see the board as it was when the tab was hidden, and the first
 * frame after would have to apply everything at once. The browser throttles this timer in a hidden
 * tab (to about once a second), which is plenty there; in a visible tab the frame comes first.
 */
const HIDDEN_TAB_FALLBACK_MS = 100

export function scheduleFrame(flush: () => void): () => void {
  const hasFrames = typeof requestAnimationFrame === 'function' && typeof document !== 'undefined'
  // Hidden already (or no frames at all, e.g. Node): a timer is the only thing that will fire.
  if (!hasFrames || document.visibilityState === 'hidden') {
    const timer = setTimeout(flush, 0)
    return () => clearTimeout(timer)
  }
  let done = false
  const run = () => {
    if (done) return
    done = true
    cancelAnimationFrame(frame)
    clearTimeout(timer)
    flush()
  }
  const frame = requestAnimationFrame(run)
  // The tab may be hidden after the frame was requested.
  const timer = setTimeout(run, HIDDEN_TAB_FALLBACK_MS)
  return () => {
    done = true
    cancelAnimationFrame(frame)
    clearTimeout(timer)
  }
}
