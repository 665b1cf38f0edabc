/**
 * What every participation feature on a project board (needs, options, comments, votes, approval,
 * facilitation) shares: who is calling, what they may do now, the live state, and `run` — make a
 * server call and apply the state it answers at once (the event stream brings it to everyone else).
 */
import { createContext, useContext, useEffect, useMemo, useRef, useSyncExternalStore, type ReactNode } from 'react'
import type { RequestOptions } from '../net/api'
import { useI18n } from '../i18n/I18nProvider'
import { isObject } from '../shared/guards'
import type { ProjectState } from '../shared/projectApi'
import { can, type Action, type Role, type Stage } from '../shared/workflow'
import type { Caller } from './participationClient'
import { plainError } from './participationErrors'
import { isFacilitationState, isParticipationState, type ParticipationSnapshot, type ParticipationStore } from './participationStore'

export interface ParticipationUi {
  caller: Caller
  store: ParticipationStore
  role: Role
  stage: Stage
  /** Null when this device acts with a bare role link (it has not joined by name). */
  participantId: string | null
  myName: string
  /** role × stage permission (src/shared/workflow.ts); the server checks the same. */
  may(action: Action): boolean
  /**
   * Run a call with this person's credentials and the current language; the participation or
   * facilitation state it answers is applied before it resolves. Rejects with an ApiRequestError
   * whose message a person can read (show it where they acted).
   */
  run<T>(fn: (caller: Caller, opts: RequestOptions) => Promise<T>): Promise<T>
}

const ParticipationContext = createContext<ParticipationUi | null>(null)

interface ProviderProps {
  projectId: string
  token: string
  state: ProjectState
  myName: string
  store: ParticipationStore
  children: ReactNode
}

export function ParticipationProvider({ projectId, token, state, myName, store, children }: ProviderProps) {
  const { t, lang } = useI18n()
  const i18n = useRef({ t, lang })
  useEffect(() => {
    i18n.current = { t, lang }
  }, [t, lang])

  const { role, stage, participantId } = state
  // Memoised: every pin, marker and panel reads this context; a new object per render of the board
  // would re-render all of them on each cursor move that re-renders the editor's parent.
  const value = useMemo<ParticipationUi>(() => ({
    caller: { projectId, token },
    store,
    role,
    stage,
    participantId,
    myName,
    may: (action) => can(role, stage, action),
    run: async (fn) => {
      let result: Awaited<ReturnType<typeof fn>>
      try {
        result = await fn({ projectId, token }, i18n.current)
      } catch (err) {
        throw plainError(err, i18n.current.t, i18n.current.lang)
      }
      if (isObject(result)) {
        if (isParticipationState(result.participation)) store.applyParticipation(result.participation)
        else if (isFacilitationState(result)) store.applyFacilitation(result)
      }
      return result
    },
  }), [projectId, token, store, role, stage, participantId, myName])
  return <ParticipationContext.Provider value={value}>{children}</ParticipationContext.Provider>
}

/** Null on a plain /b/<id> board. */
export function useParticipationUi(): ParticipationUi | null {
  return useContext(ParticipationContext)
}

const EMPTY: ParticipationSnapshot = { participation: null, facilitation: null, clockOffset: 0, steppedOutOf: null }
const noSubscribe = () => () => {}

/** The live participation and facilitation state (null parts until the first answer arrives). */
export function useParticipationState(): ParticipationSnapshot {
  const ui = useContext(ParticipationContext)
  return useSyncExternalStore(ui?.store.subscribe ?? noSubscribe, ui?.store.get ?? (() => EMPTY))
}
