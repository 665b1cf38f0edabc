import { useCallback, useEffect, useRef, useState } from 'react'

export interface LatestRequest<T> {
  /** The last answer that arrived for the newest request; null until one has. */
  data: T | null
  /** The newest request's failure, cleared by its next success. */
  error: string | null
  /** A request is in flight. */
  loading: boolean
  /** Sends `request` again; never rejects (a failure lands in `error`). */
  load: () => Promise<void>
}

/**
 * Runs `request` on demand (`load`), keeping only the newest one's answer. Memoize `request`
 * (useCallback): `load` changes with it, so callers can run `load` from an effect keyed on it.
 */
export function useLatestRequest<T>(request: (signal: AbortSignal) => Promise<T>): LatestRequest<T> {
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const abortRef = useRef<AbortController | null>(null)

  const load = useCallback(async () => {
    // One request at a time: a slow answer must not land after (and overwrite) a newer one,
    // e.g. the list read again after a change. Starting a request aborts the one before, and an
    // aborted request's answer or error is ignored.
    abortRef.current?.abort()
    const abort = new AbortController()
    abortRef.current = abort
    setLoading(true)
    try {
      const next = await request(abort.signal)
      if (abort.signal.aborted) return
      setData(next)
      setError(null)
    } catch (err) {
      if (abort.signal.aborted) return
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      // Only the newest request ends the loading state; an aborted one was replaced, not finished.
      if (abortRef.current === abort) setLoading(false)
    }
  }, [request])

  // Unmounting aborts the request in flight: nobody is left to show its answer.
  useEffect(() => () => abortRef.current?.abort(), [])

  return { data, error, loading, load }
}
