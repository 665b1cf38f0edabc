/**
 * What every participation route does around the service (server/participation/ParticipationActions.ts):
 * find who is asking from the request's token, hand the service a reader of the JSON body, and
 * answer its result — or its refusal, a ParticipationError, as the HttpError of the same status,
 * code and message.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Facilitation } from '../../participation/Facilitation.js'
import type { Participation } from '../../participation/Participation.js'
import { callerOf, ParticipationError, type BodyReader, type Caller, type ParticipationActions } from '../../participation/ParticipationActions.js'
import type { Workflow } from '../../workflow/Workflow.js'
import { HttpError } from '../HttpError.js'
import { authenticate, jsonObject } from '../projectRequest.js'
import { sendJson } from '../respond.js'
import type { Handler, Route } from '../router.js'
import type { AssetStore } from '../../storage/AssetStore.js'

export interface ParticipationDeps {
  workflow: Workflow
  participation: Participation
  facilitation: Facilitation
  /** Where a need's photo must be stored. */
  assets: AssetStore
}

/** What the participation routes use: the workflow to authenticate, the service to act. */
export interface ParticipationRouteDeps {
  workflow: Workflow
  actions: ParticipationActions
}

export function caller(req: IncomingMessage, workflow: Workflow, projectId: string): Caller {
  return callerOf(authenticate(req, workflow, projectId))
}

/** The request's JSON object body, read only when the service asks for it (after its checks). */
export function bodyOf(req: IncomingMessage): BodyReader {
  return () => jsonObject(req)
}

export function answer(res: ServerResponse, status: number, body: unknown): void {
  sendJson(res, status, body)
}

/** The service's refusals as HTTP errors, unchanged; anything else (HttpErrors of the request itself, faults) as it was thrown. */
export function asHttp(routes: Route[]): Route[] {
  return routes.map((route) => ({
    ...route,
    methods: Object.fromEntries(Object.entries(route.methods).map(([method, handler]) => [method, mapRefusals(handler)])),
  }))
}

function mapRefusals(handler: Handler): Handler {
  return async (ctx) => {
    try {
      await handler(ctx)
    } catch (err) {
      if (err instanceof ParticipationError) throw new HttpError(err.status, err.code, err.message)
      throw err
    }
  }
}
