/**
 * A route table: a path pattern ('/api/boards/:id') with one handler per method. HEAD is answered
 * by the GET handler (node:http sends no body for HEAD); a known path with the wrong method is a
 * 405 with an Allow header.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { literal } from '../../src/shared/guards.js'
import { HttpError } from './HttpError.js'
import type { RequestPath } from './requestPath.js'

export interface RequestContext {
  req: IncomingMessage
  res: ServerResponse
  path: RequestPath
  /** Path parameters, still percent-encoded: every handler validates its own against a strict pattern. */
  params: Record<string, string>
}

export type Handler = (ctx: RequestContext) => Promise<void> | void

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const
export type Method = (typeof METHODS)[number]
const isMethod = literal(METHODS)

export interface Route {
  pattern: string
  methods: Partial<Record<Method, Handler>>
}

interface CompiledRoute extends Route {
  parts: string[]
}

export interface Match {
  handler: Handler
  params: Record<string, string>
}

export function allowedMethods(methods: Partial<Record<Method, Handler>>): string[] {
  const names = Object.keys(methods)
  if (names.includes('GET')) names.push('HEAD')
  return names
}

export function methodNotAllowed(allow: string[]): HttpError {
  return new HttpError(
    405,
    'method_not_allowed',
    `This address does not accept that method; use ${allow.join(' or ')}.`,
    { Allow: allow.join(', ') },
  )
}

export class Router {
  private readonly routes: CompiledRoute[]

  constructor(routes: Route[]) {
    this.routes = routes.map((r) => ({ ...r, parts: r.pattern.slice(1).split('/') }))
  }

  /** The handler for this request, undefined if no pattern matches; throws a 405 for a wrong method. */
  match(method: string, path: RequestPath): Match | undefined {
    for (const route of this.routes) {
      const params = matchParts(route.parts, path.segments)
      if (!params) continue
      const handler = (isMethod(method) ? route.methods[method] : undefined) ?? (method === 'HEAD' ? route.methods.GET : undefined)
      if (!handler) throw methodNotAllowed(allowedMethods(route.methods))
      return { handler, params }
    }
    return undefined
  }
}

function matchParts(parts: string[], segments: string[]): Record<string, string> | undefined {
  if (parts.length !== segments.length) return undefined
  const params: Record<string, string> = {}
  for (let i = 0; i < parts.length; i++) {
    if (parts[i].startsWith(':')) {
      if (segments[i] === '') return undefined
      params[parts[i].slice(1)] = segments[i]
    } else if (parts[i] !== segments[i]) {
      return undefined
    }
  }
  return params
}
