/**
 * What every workflow route does with its request: find the role link's token (Bearer header, or the
 * `token` query parameter where a header cannot be sent), check it against the project, and read
 * and check the JSON body's fields with errors a person can act on.
 */
import type { IncomingMessage } from 'node:http'
import { isValidBoardId } from '../../src/shared/boardId.js'
import { canonicalPersonText, hasInvisibleCharacters, nameProblem } from '../../src/shared/identity.js'
import type { RequestField } from '../../src/shared/errorCodes.js'
import { isObject } from '../../src/shared/guards.js'
import type { Action } from '../../src/shared/workflow.js'
import type { Access, Workflow } from '../workflow/Workflow.js'
import { readJsonBody } from './boardRoutes.js'
import { HttpError } from './HttpError.js'

export type Body = Record<string, unknown>

export function bearerToken(req: IncomingMessage): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')
  return m?.[1]
}

/** The `token` query parameter (EventSource and WebSocket cannot send an Authorization header). */
export function queryToken(req: IncomingMessage): string | undefined {
  const query = (req.url ?? '').split('#', 1)[0].split('?')[1] ?? ''
  return new URLSearchParams(query).get('token') || undefined
}

/** The link holding `token` on project `projectId`, or the HttpError (400/401/403/404) saying why not. */
export function authenticateToken(workflow: Workflow, projectId: string, token: string | undefined): Access {
  if (!isValidBoardId(projectId)) throw new HttpError(400, 'invalid_project_id', 'This is not a valid project id; check the link.')
  const access = workflow.authenticate(projectId, token)
  if (!access.ok) {
    const headers: Record<string, string> = access.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {}
    throw new HttpError(access.status, access.code, access.message, headers)
  }
  return access
}

export function authenticate(req: IncomingMessage, workflow: Workflow, projectId: string): Access {
  return authenticateToken(workflow, projectId, bearerToken(req))
}

export function authorizeAction(req: IncomingMessage, workflow: Workflow, projectId: string, action: Action): Access {
  const access = authenticate(req, workflow, projectId)
  if (!workflow.allows(access.link, action)) throw organizerOnly()
  return access
}

/** Project settings (base plan, scale) and the dashboard are the organizer's in every stage. */
export function authorizeOrganizer(req: IncomingMessage, workflow: Workflow, projectId: string): Access {
  const access = authenticate(req, workflow, projectId)
  if (access.link.role !== 'organizer') throw organizerOnly()
  return access
}

function organizerOnly(): HttpError {
  return new HttpError(403, 'not_allowed', 'Only the organizer of this project can do this; use the organizer link.')
}

export async function jsonObject(req: IncomingMessage): Promise<Body> {
  const body = await readJsonBody(req)
  if (!isObject(body)) {
    throw new HttpError(400, 'invalid_json', 'Send a JSON object as the request body.')
  }
  return body
}

/**
 * A text field, trimmed and NFC-normalised (so the same name typed on two phones compares equal),
 * at most `max` characters (code points, so Chinese gets the full length).
 */
export function text(body: Body, key: RequestField, max: number, required: boolean, multiline = false): string {
  const raw = body[key]
  if (raw === undefined || raw === null) {
    if (required) throw new HttpError(400, `invalid_${key}`, `"${key}" is required; send it as text.`)
    return ''
  }
  if (typeof raw !== 'string') throw new HttpError(400, `invalid_${key}`, `"${key}" must be text.`)
  const value = raw.trim().normalize('NFC')
  if (required && value.length === 0) throw new HttpError(400, `invalid_${key}`, `"${key}" is empty; fill it in.`)
  if ([...value].length > max) throw new HttpError(400, `invalid_${key}`, `"${key}" is too long; use at most ${max} characters.`)
  // eslint-disable-next-line no-control-regex
  const forbidden = multiline ? /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/ : /\p{Cc}/u
  if (forbidden.test(value)) throw new HttpError(400, `invalid_${key}`, `"${key}" may not contain control characters.`)
  return value
}

/**
 * A participant's name (`label: true`) or unit: text() as above, then refused when it holds invisible
 * characters (\p{Cf} such as U+200B, which would make it look like someone else's) or — a name — when
 * it ends like the number a namesake is shown with (`王芳 ②`, `王芳 #2`); answered in its canonical
 * form (canonicalPersonText: NFKC, white space collapsed), in which it is stored and compared.
 */
export function personText(body: Body, key: RequestField, max: number, required: boolean, label: boolean): string {
  const value = text(body, key, max, required)
  // As sent: trim() would quietly drop a leading or trailing U+FEFF.
  const raw = body[key]
  if (hasInvisibleCharacters(value) || (typeof raw === 'string' && hasInvisibleCharacters(raw))) {
    throw new HttpError(400, `invalid_${key}`, `"${key}" may not contain invisible characters (such as zero-width spaces); type it again by hand.`)
  }
  if (label && nameProblem(value) === 'numbered') {
    throw new HttpError(400, `invalid_${key}`, `"${key}" may not end with a space and a number like "②" or "#2": that is how the server tells people of the same name apart. Leave the number out, or add your building / unit.`)
  }
  const canonical = canonicalPersonText(value)
  if (required && canonical.length === 0) throw new HttpError(400, `invalid_${key}`, `"${key}" is empty; fill it in.`)
  if ([...canonical].length > max) throw new HttpError(400, `invalid_${key}`, `"${key}" is too long; use at most ${max} characters.`)
  return canonical
}
