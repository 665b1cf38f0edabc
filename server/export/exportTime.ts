/**
 * Times in exports: written as a person reads them ("2025-05-01 14:30") in the exporter's time zone
 * (the browser sends it; Asia/Shanghai when it does not), so a report printed in Shanghai does not
 * show the server's UTC clock.
 */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai'

/** The IANA zone name if this runtime knows it, else undefined. */
export function validTimeZone(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return undefined
  try {
    new Intl.DateTimeFormat('en', { timeZone: value })
    return value
  } catch {
    return undefined
  }
}

export function formatTime(ms: number | null, timeZone: string, withTime = true): string {
  if (ms === null) return ''
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
  }).formatToParts(new Date(ms))
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? ''
  const date = `${get('year')}-${get('month')}-${get('day')}`
  return withTime ? `${date} ${get('hour')}:${get('minute')}` : date
}
