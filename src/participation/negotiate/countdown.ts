/** The shared meeting countdown, counted on the server's clock (FacilitationState.serverNow). */
import type { MeetingTimer } from '../../shared/participation'

/**
 * Milliseconds left, never below 0. `clockOffset` is server clock minus this device's clock, so a
 * phone whose clock is minutes off still shows what everyone else sees.
 */
export function timerRemainingMs(timer: Pick<MeetingTimer, 'endsAt'>, localNow: number, clockOffset: number): number {
  return Math.max(0, timer.endsAt - (localNow + clockOffset))
}

/** "4:59", "0:00", "1:02:03". Seconds are rounded up: 5:00 shows at the start, 0:00 only at the end. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const ss = String(s).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`
}

/** Minutes typed by the organizer → seconds for the server, or null when out of range (1 s … max). */
export function timerSeconds(minutesText: string, maxSeconds: number): number | null {
  const minutes = Number(minutesText.trim().replace(',', '.'))
  if (!Number.isFinite(minutes) || minutes <= 0) return null
  const seconds = Math.round(minutes * 60)
  return seconds >= 1 && seconds <= maxSeconds ? seconds : null
}
