/**
 * The project's live workflow state (stage, role, moves, base plan, scale) from the server's event
 * stream (GET /api/projects/<id>/events, see src/shared/projectApi.ts). The server is the only
 * writer of this state; the board document never carries it.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiRequestError, hasPrefetched } from '../net/api'
import { useI18n } from '../i18n/I18nProvider'
import { getProjectState, projectEventsUrl, projectStatePath } from '../projects'
import { isProjectState, isProjectStreamClosed, PROJECT_EVENTS, type ProjectState } from '../shared/projectApi'
import { problemFromCode, type AccessProblem } from './accessProblem'

export type ProjectStateView =
  | { status: 'loading' }
  /** `stale`: the stream is down and reconnecting; what is shown may be out of date. */
  | { status: 'ready'; state: ProjectState; stale: boolean }
  /** `hadState`: the project was open when the link stopped working (withdrawn, expired). */
  | { status: 'refused'; problem: AccessProblem; hadState: boolean }
  /** Could not learn the state at all (server down, no network at first load). */
  | { status: 'failed'; message: string }

export interface ProjectStateHandle {
  view: ProjectStateView
  /**
   * Ask the server again now: after a stage move (the stream brings it too, this is quicker on a
   * slow stream), after a 409, after the sync socket was refused, on "try again".
   */
  refresh(): Promise<void>
}

/** Retry delay when the stream was closed for good without saying why (server restarting). */
const RECONNECT_MS = 5000

/** An event's data as JSON; throws (as JSON.parse does) when it is none. */
function eventJson(event: Event): unknown {
  // Named events come typed as a plain Event (lib.dom maps only 'message'); an EventSource sends MessageEvents.
  if (!(event instanceof MessageEvent) || typeof event.data !== 'string') throw new TypeError('not a message event')
  return JSON.parse(event.data)
}

/** Other events of the same stream (participation, facilitation) and its (re)opening. */
export interface ProjectStreamListeners {
  /** The stream (re)opened: events sent while it was down were missed; read the current state now. */
  onOpen?: () => void
  /** Handlers by event name; `data` is the parsed JSON (not yet validated). */
  events?: Record<string, (data: unknown) => void>
}

export function useProjectState(projectId: string, token: string, listeners?: ProjectStreamListeners): ProjectStateHandle {
  const { t, lang } = useI18n()
  // Read through a ref: new listener objects on a re-render must not reopen the stream.
  const listenersRef = useRef(listeners)
  useEffect(() => {
    listenersRef.current = listeners
  })
  const [view, setView] = useState<ProjectStateView>({ status: 'loading' })
  const i18n = useRef({ t, lang })
  useEffect(() => {
    i18n.current = { t, lang }
  }, [t, lang])

  // Set once the link is known to be refused: nothing may reopen the stream after that.
  const refusedRef = useRef(false)
  const hasStateRef = useRef(false)
  const refreshRef = useRef<() => Promise<void>>(async () => {})

  useEffect(() => {
    let disposed = false
    let source: EventSource | null = null
    let retryTimer: ReturnType<typeof setTimeout> | null = null
    const abort = new AbortController()
    refusedRef.current = false
    hasStateRef.current = false

    const show = (state: ProjectState) => {
      if (disposed || refusedRef.current) return
      hasStateRef.current = true
      setView({ status: 'ready', state, stale: false })
    }
    const refuse = (problem: AccessProblem) => {
      if (disposed) return
      refusedRef.current = true
      source?.close()
      source = null
      if (retryTimer) clearTimeout(retryTimer)
      setView({ status: 'refused', problem, hadState: hasStateRef.current })
    }
    const markStale = () => {
      if (disposed || refusedRef.current) return
      setView((prev) => (prev.status === 'ready' && !prev.stale ? { ...prev, stale: true } : prev))
    }

    /** Ask once over plain HTTP: it answers 401/403/404 with a code the stream cannot convey. */
    const check = async () => {
      try {
        show(await getProjectState(projectId, token, { ...i18n.current, signal: abort.signal }))
      } catch (err) {
        if (disposed || abort.signal.aborted) return
        const problem = err instanceof ApiRequestError ? problemFromCode(err.status, err.code) : null
        if (problem) return refuse(problem)
        // Network or server trouble: keep what is shown (stale), or say why nothing can be shown.
        if (hasStateRef.current) markStale()
        else setView({ status: 'failed', message: err instanceof Error ? err.message : String(err) })
      }
    }
    refreshRef.current = check

    const open = () => {
      if (disposed || refusedRef.current) return
      const es = new EventSource(projectEventsUrl(projectId, token))
      source = es
      es.addEventListener(PROJECT_EVENTS.state, (event) => {
        try {
          const data = eventJson(event)
          if (isProjectState(data)) show(data)
        } catch {
          console.warn('[project] ignored a malformed state event')
        }
      })
      es.addEventListener('open', () => {
        if (!disposed && source === es) listenersRef.current?.onOpen?.()
      })
      for (const name of Object.keys(listenersRef.current?.events ?? {})) {
        es.addEventListener(name, (event) => {
          let data: unknown
          try {
            data = eventJson(event)
          } catch {
            console.warn(`[project] ignored a malformed ${name} event`)
            return
          }
          if (!disposed && source === es) listenersRef.current?.events?.[name]?.(data)
        })
      }
      es.addEventListener(PROJECT_EVENTS.closed, (event) => {
        // The server ends the stream after this and would refuse a reconnect: stop here.
        let expired = false
        try {
          const closed = eventJson(event)
          expired = isProjectStreamClosed(closed) && closed.code === 'link_expired'
        } catch {
          // No readable reason: treat as withdrawn.
        }
        refuse(expired ? { kind: 'expired' } : { kind: 'revoked' })
      })
      es.onerror = () => {
        if (disposed || source !== es) return
        if (es.readyState === EventSource.CLOSED) {
          // The browser gave up (the server answered with an error status, e.g. 403 for a link
          // withdrawn while we were offline and missed the `closed` event): learn why, then retry.
          source = null
          markStale()
          void check().then(() => {
            if (disposed || refusedRef.current) return
            retryTimer = setTimeout(open, RECONNECT_MS)
          })
          return
        }
        // CONNECTING: the browser reconnects by itself (network loss). Show what we have, marked
        // stale; before any state at all, ask once over HTTP so a refused link is explained at once.
        markStale()
        if (!hasStateRef.current) void check()
      }
    }
    // The state boot.ts asked for while this code was loading: shown now rather than one more round
    // trip later, when the stream's first event would bring it. Race: the stream's own state is
    // newer, so the early answer is dropped once the stream has spoken; a failure is left to the
    // stream (which asks again by `check` when it is refused).
    if (hasPrefetched(projectStatePath(projectId), token)) {
      getProjectState(projectId, token, { ...i18n.current, signal: abort.signal }).then(
        (state) => {
          if (!hasStateRef.current) show(state)
        },
        () => undefined,
      )
    }
    open()

    return () => {
      disposed = true
      abort.abort()
      source?.close()
      if (retryTimer) clearTimeout(retryTimer)
    }
  }, [projectId, token])

  const refresh = useCallback(() => refreshRef.current(), [])
  return { view, refresh }
}
