import type { Strings, ValuesOf } from '../i18n/lang'

/** A failure of an export step that is ours to word (not the server's, not the network's). */
export type ExportProblemKey = 'nothingToDraw' | 'frameMissing' | 'render' | 'tooLarge' | 'boardNotReady'

/** The placeholders of the problem's message (t.export.problems), checked where it is thrown. */
type ProblemValues<K extends ExportProblemKey> = ValuesOf<Strings['export']['problems'][K]>

export class ExportProblem<K extends ExportProblemKey = ExportProblemKey> extends Error {
  readonly key: K
  readonly values: ProblemValues<K>

  constructor(key: K, ...values: ProblemValues<K> extends { readonly [key: string]: never } ? [] : [ProblemValues<K>]) {
    super(key)
    this.name = 'ExportProblem'
    this.key = key
    // Cast: values are left out only for a message without placeholders (the rest parameter's type),
    // whose ValuesOf is an empty record; for a generic K the conditional type stays unresolved.
    this.values = values[0] ?? ({} as ProblemValues<K>)
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
