/** Dates of a notice period as people pick and read them: whole days in this device's time zone. */
import { DAY_MS } from '../shared/notice'

/** A date field's value (YYYY-MM-DD) for `ms`, in local time. */
export function dateValue(ms: number): string {
  const d = new Date(ms)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** The start of a YYYY-MM-DD day in local time (ms), or null for anything else. */
export function dayStart(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!m) return null
  const ms = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime()
  return Number.isFinite(ms) ? ms : null
}

/** A notice period from two picked days: from the start of the first to the end of the last. */
export function periodOf(start: string, end: string): { startsAt: number; endsAt: number } | null {
  const a = dayStart(start)
  const b = dayStart(end)
  if (a === null || b === null) return null
  // Starting today: from now, not from midnight (a notice cannot have started before it was opened).
  return { startsAt: Math.max(a, Math.min(Date.now(), a + DAY_MS - 1)), endsAt: b + DAY_MS - 1 }
}

/** How many calendar days the period covers. */
export function daysOf(start: string, end: string): number {
  const a = dayStart(start)
  const b = dayStart(end)
  return a === null || b === null ? 0 : Math.round((b - a) / DAY_MS) + 1
}

export function showDate(ms: number, lang: string): string {
  return new Date(ms).toLocaleDateString(lang === 'en' ? 'en-GB' : 'zh-CN', { year: 'numeric', month: 'long', day: 'numeric' })
}
