/**
 * One participation call made from a control: busy while it runs, and the server's readable refusal
 * kept to show right where the person acted (nothing is lost: the form keeps what they typed).
 */
import { useCallback, useState } from 'react'
import type { RequestOptions } from '../../net/api'
import type { Caller } from '../participationClient'
import { useParticipationUi } from '../ParticipationContext'

export interface Action {
  busy: boolean
  error: string | null
  setError: (error: string | null) => void
  /** Runs the call; resolves with its answer, or undefined when it failed (then `error` is set). */
  act: <T>(fn: (caller: Caller, opts: RequestOptions) => Promise<T>) => Promise<T | undefined>
}

export function useAction(): Action {
  const ui = useParticipationUi()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const act = useCallback(
    async <T,>(fn: (caller: Caller, opts: RequestOptions) => Promise<T>): Promise<T | undefined> => {
      if (!ui) return undefined
      setBusy(true)
      setError(null)
      try {
        return await ui.run(fn)
      } catch (err) {
        setError(err instanceof Error ? err.message : String(err))
        return undefined
      } finally {
        setBusy(false)
      }
    },
    [ui],
  )
  return { busy, error, setError, act }
}
