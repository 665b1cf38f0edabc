/**
 * The fields of a participation action's input, read and checked with errors a person can act on
 * (ParticipationError 400 `invalid_<key>`). The input is a plain JSON object, whichever entry point
 * it came through.
 */
import type { RequestField } from '../../src/shared/errorCodes.js'
import { arrayOf, isObject, literal } from '../../src/shared/guards.js'
import { isRole, type Role } from '../../src/shared/workflow.js'
import { ParticipationError } from './ParticipationError.js'

export type Body = Record<string, unknown>

/**
 * How an action gets its input: asked for only once the caller passed the role, stage and person
 * checks, so a refusal comes first and a refused request's body is never read (over HTTP: never
 * parsed, so a malformed body from someone who may not act is still answered with the refusal).
 */
export type BodyReader = () => Promise<Body>

/** Ids of records the server made (22 characters base64url) or a client's choice of similar shape. */
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

/** A record named in the request (a path parameter over HTTP): one that cannot be an id is simply not found. */
export function pathId(value: string | undefined, notFound: () => ParticipationError): string {
  if (value === undefined || !ID_PATTERN.test(value)) throw notFound()
  return value
}

export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value)
}

/**
 * A text field, trimmed and NFC-normalised (so the same text typed on two phones compares equal),
 * at most `max` characters (code points, so Chinese gets the full length). The same rule and words
 * as the workflow's text fields (server/http/projectRequest.ts text()).
 */
export function text(body: Body, key: RequestField, max: number, required: boolean, multiline = false): string {
  const raw = body[key]
  if (raw === undefined || raw === null) {
    if (required) throw new ParticipationError(400, `invalid_${key}`, `"${key}" is required; send it as text.`)
    return ''
  }
  if (typeof raw !== 'string') throw new ParticipationError(400, `invalid_${key}`, `"${key}" must be text.`)
  const value = raw.trim().normalize('NFC')
  if (required && value.length === 0) throw new ParticipationError(400, `invalid_${key}`, `"${key}" is empty; fill it in.`)
  if ([...value].length > max) throw new ParticipationError(400, `invalid_${key}`, `"${key}" is too long; use at most ${max} characters.`)
  // eslint-disable-next-line no-control-regex
  const forbidden = multiline ? /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/ : /\p{Cc}/u
  if (forbidden.test(value)) throw new ParticipationError(400, `invalid_${key}`, `"${key}" may not contain control characters.`)
  return value
}

export function number(body: Body, key: RequestField, opts: { min: number; max: number; integer?: boolean }): number {
  const v = body[key]
  if (typeof v !== 'number' || !Number.isFinite(v) || v < opts.min || v > opts.max || (opts.integer && !Number.isInteger(v))) {
    throw new ParticipationError(400, `invalid_${key}`,
      `"${key}" must be ${opts.integer ? 'a whole number' : 'a number'} from ${opts.min} to ${opts.max}.`)
  }
  return v
}

export function optionalBoolean(body: Body, key: RequestField, fallback: boolean): boolean {
  const v = body[key]
  if (v === undefined) return fallback
  if (typeof v !== 'boolean') throw new ParticipationError(400, `invalid_${key}`, `"${key}" must be true or false.`)
  return v
}

export function oneOf<T extends string>(body: Body, key: RequestField, values: readonly T[], fallback?: T): T {
  const v = body[key]
  if (v === undefined && fallback !== undefined) return fallback
  if (!literal(values)(v)) {
    throw new ParticipationError(400, `invalid_${key}`, `"${key}" must be one of: ${values.join(', ')}.`)
  }
  return v
}

const isIdArray = arrayOf(isId)

/** A list of distinct record ids, `min`…`max` long. */
export function idList(body: Body, key: RequestField, min: number, max: number): string[] {
  const v = body[key]
  if (!isIdArray(v) || v.length < min || v.length > max || new Set(v).size !== v.length) {
    throw new ParticipationError(400, `invalid_${key}`, `"${key}" must be a list of ${min} to ${max} different ids.`)
  }
  return v
}

/** Roles a comment calls on; absent → none. */
export function mentions(body: Body): Role[] {
  const v = body.mentions
  if (v === undefined || v === null) return []
  if (!Array.isArray(v) || !v.every(isRole)) {
    throw new ParticipationError(400, 'invalid_mentions', '"mentions" must be a list of roles: organizer, expert, committee, resident.')
  }
  return [...new Set(v)]
}

/** A nested JSON object field. */
export function object(body: Body, key: RequestField): Body {
  const v = body[key]
  if (!isObject(v)) throw new ParticipationError(400, `invalid_${key}`, `"${key}" must be a JSON object.`)
  return v
}
