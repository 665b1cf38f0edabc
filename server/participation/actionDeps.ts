/** What the participation actions work on, and the answer every successful change gives. */
import type { RequestField } from '../../src/shared/errorCodes.js'
import type { ParticipationResponse } from '../../src/shared/participation.js'
import type { Workflow } from '../workflow/Workflow.js'
import { viewerOf, type Caller } from './caller.js'
import type { Facilitation } from './Facilitation.js'
import type { Participation } from './Participation.js'

/**
 * Security: a need's photo must be an image this server stored for this very project (another host,
 * another board or a data: URL would put a foreign, unchecked image in front of everyone). Whoever
 * keeps the uploaded files answers it: null when `src` is such an image, else the sentence saying
 * how to get one (refused as 400 `invalid_<key>`).
 */
export type StoredImageCheck = (src: unknown, key: RequestField, projectId: string) => Promise<string | null>

export interface ActionDeps {
  workflow: Workflow
  participation: Participation
  facilitation: Facilitation
  storedImage: StoredImageCheck
}

/** After a change: a new revision and every event stream told, and the caller's new state (with what a create made). */
export function changed(participation: Participation, c: Caller): ParticipationResponse
export function changed<T extends object>(participation: Participation, c: Caller, extra: T): ParticipationResponse & T
export function changed(participation: Participation, c: Caller, extra?: object): ParticipationResponse {
  participation.changed(c.project.id)
  return { ...extra, participation: participation.stateFor(c.project.id, viewerOf(c)) }
}
