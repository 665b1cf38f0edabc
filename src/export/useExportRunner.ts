/**
 * One export at a time, with the state the dialog shows: which step runs (shown once the export has
 * taken more than a second), bytes downloaded, a cancel, and the outcome — the file saved, or what
 * failed at which step. An export still running when the dialog closes is cancelled.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { isAbort } from './exportProblem'

export interface TaskContext {
  signal: AbortSignal
  /** A new step starts (its label names it in progress and in a failure). */
  step(label: string): void
  progress(received: number, total: number | null): void
}

export interface TaskResult {
  fileName: string
  /** Something the person should know although it worked (e.g. no option drawing in the report). */
  note?: string
}

export interface RunnerState<Task extends string> {
  busy: { task: Task; step: string; received: number | null; total: number | null } | null
  /** The running export has taken more than a second: show its progress. */
  slow: boolean
  error: { task: Task; message: string } | null
  done: { task: Task; fileName: string; note?: string } | null
  cancelled: boolean
}

/** How long an export runs before its progress is shown (shorter ones would only flicker). */
export const PROGRESS_DELAY_MS = 1000

export function useExportRunner<Task extends string>(describe: (task: Task, step: string, err: unknown) => string) {
  const [state, setState] = useState<RunnerState<Task>>({ busy: null, slow: false, error: null, done: null, cancelled: false })
  const running = useRef<AbortController | null>(null)
  const describeRef = useRef(describe)
  useEffect(() => {
    describeRef.current = describe
  })

  // Lifecycle: closing the dialog stops the export; nothing is saved after the person left.
  useEffect(() => () => running.current?.abort(), [])

  const run = useCallback(async (task: Task, firstStep: string, fn: (ctx: TaskContext) => Promise<TaskResult>) => {
    if (running.current) return
    const abort = new AbortController()
    running.current = abort
    let step = firstStep
    setState({ busy: { task, step, received: null, total: null }, slow: false, error: null, done: null, cancelled: false })
    const timer = setTimeout(() => setState((s) => (s.busy ? { ...s, slow: true } : s)), PROGRESS_DELAY_MS)
    const ctx: TaskContext = {
      signal: abort.signal,
      step(label) {
        step = label
        setState((s) => (s.busy ? { ...s, busy: { ...s.busy, step: label, received: null, total: null } } : s))
      },
      progress(received, total) {
        setState((s) => (s.busy ? { ...s, busy: { ...s.busy, received, total } } : s))
      },
    }
    try {
      const result = await fn(ctx)
      if (abort.signal.aborted) throw new DOMException('Aborted', 'AbortError')
      setState({ busy: null, slow: false, error: null, done: { task, ...result }, cancelled: false })
    } catch (err) {
      if (abort.signal.aborted || isAbort(err)) {
        setState({ busy: null, slow: false, error: null, done: null, cancelled: true })
      } else {
        console.warn('[export] failed', task, step, err)
        setState({ busy: null, slow: false, error: { task, message: describeRef.current(task, step, err) }, done: null, cancelled: false })
      }
    } finally {
      clearTimeout(timer)
      running.current = null
    }
  }, [])

  const cancel = useCallback(() => running.current?.abort(), [])

  return { state, run, cancel }
}
