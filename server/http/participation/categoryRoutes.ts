/**
 * PUT /api/projects/:id/categories — the organizer's list of need categories: rename, reorder, hide,
 * add; a category some need has may be hidden but not dropped. GET /api/projects/:id/participation
 * (everything, as the caller may see it) lives here too.
 */
import { randomBytes } from 'node:crypto'
import { CATEGORIES_MAX, CATEGORY_LABEL_MAX, type NeedCategory } from '../../../src/shared/participation.js'
import { HttpError } from '../HttpError.js'
import { jsonObject, text, type Body } from '../projectRequest.js'
import { sendJson } from '../respond.js'
import type { Handler, Route } from '../router.js'
import { answerChanged, caller, isId, requireOrganizer, type ParticipationDeps } from './participationRequest.js'

export function categoryRoutes(deps: ParticipationDeps): Route[] {
  const { workflow, participation } = deps

  const read: Handler = ({ req, res, params }) => {
    const c = caller(req, workflow, params.id)
    sendJson(res, 200, participation.stateFor(c.project.id, c.participant?.id ?? null))
  }

  const setCategories: Handler = async ({ req, res, params }) => {
    const c = caller(req, workflow, params.id)
    requireOrganizer(c, 'change the need categories')
    const body = await jsonObject(req)
    const list = body.categories
    if (!Array.isArray(list) || list.length < 1 || list.length > CATEGORIES_MAX) {
      throw new HttpError(400, 'invalid_categories', `"categories" must be the whole list: 1 to ${CATEGORIES_MAX} categories.`)
    }
    const current = new Map(participation.categories.list(c.project.id).map((k) => [k.id, k]))
    const categories = list.map((item: unknown): NeedCategory => {
      if (!item || typeof item !== 'object' || Array.isArray(item)) {
        throw new HttpError(400, 'invalid_categories', 'Each category must be a JSON object {id?, zh, en?, hidden?}.')
      }
      const entry = item as Body
      const zh = text(entry, 'zh', CATEGORY_LABEL_MAX, true)
      const en = text(entry, 'en', CATEGORY_LABEL_MAX, false) || zh
      if (entry.hidden !== undefined && typeof entry.hidden !== 'boolean') throw new HttpError(400, 'invalid_hidden', '"hidden" must be true or false.')
      const hidden = entry.hidden === true
      if (entry.id === undefined) return { id: `c-${randomBytes(6).toString('base64url')}`, zh, en, hidden, builtIn: false }
      const known = isId(entry.id) ? current.get(entry.id) : undefined
      if (!known) throw new HttpError(400, 'invalid_id', `There is no category "${String(entry.id)}" in this project; leave "id" out for a new one.`)
      return { id: known.id, zh, en, hidden, builtIn: known.builtIn }
    })
    if (new Set(categories.map((k) => k.id)).size !== categories.length) {
      throw new HttpError(400, 'invalid_categories', 'A category appears twice in the list.')
    }
    if (categories.every((k) => k.hidden)) {
      throw new HttpError(400, 'invalid_categories', 'Keep at least one category visible, or nobody can add a need.')
    }
    const inUse = participation.categories.replace(c.project.id, categories)
    if (inUse.length > 0) {
      throw new HttpError(409, 'category_in_use',
        `Some needs have the category "${inUse.map((id) => current.get(id)?.zh ?? id).join('", "')}"; hide it instead of removing it.`)
    }
    answerChanged(res, deps, c)
  }

  return [
    { pattern: '/api/projects/:id/participation', methods: { GET: read } },
    { pattern: '/api/projects/:id/categories', methods: { PUT: setCategories } },
  ]
}
