import { createContext, useContext } from 'react'
import type { LightSession } from './lightSession'

/** The light view this editor takes over from (ProjectBoardPage); null where there was none (a laptop). */
export const LightSessionContext = createContext<LightSession | null>(null)

export function useLightSession(): LightSession | null {
  return useContext(LightSessionContext)
}
