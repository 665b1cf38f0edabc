/** A short local date and time for records ("11月23日 14:05"). */
export function when(at: number, lang: string): string {
  return new Date(at).toLocaleString(lang, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })
}
