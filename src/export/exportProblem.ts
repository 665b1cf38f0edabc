/** A failure of an export step that is ours to word (not the server's, not the network's). */
export type ExportProblemKey = 'nothingToDraw' | 'frameMissing' | 'render' | 'tooLarge' | 'boardNotReady'

export class ExportProblem extends Error {
  readonly key: ExportProblemKey
  readonly values: Record<string, string | number>

  constructor(key: ExportProblemKey, values: Record<string, string | number> = {}) {
    super(key)
    this.name = 'ExportProblem'
    this.key = key
    this.values = values
  }
}

/** The person pressed "cancel" (or closed the dialog): not a failure to report. */
export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError'
}

/** "3.4 MB", "820 KB" — sizes as people read them. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}
