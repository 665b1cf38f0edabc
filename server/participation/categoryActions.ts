/**
 * The organizer's list of need categories: rename, reorder, hide, add; a category some need has may
 * be hidden but not dropped. And everything of the participation, as the caller may see it.
 */
import { randomBytes } from 'node:crypto'
import { isObject } from '../../src/shared/guards.js'
import { CATEGORIES_MAX, CATEGORY_LABEL_MAX, type NeedCategory, type ParticipationResponse, type ParticipationState } from '../../src/shared/participation.js'
import { changed, type ActionDeps } from './actionDeps.js'
import { requireOrganizer, viewerOf, type Caller } from './caller.js'
import { isId, text, type Body, type BodyReader } from './participationInput.js'
import { ParticipationError } from './ParticipationError.js'

export class CategoryActions {
  constructor(private readonly deps: ActionDeps) {}

  /** The whole participation as this caller sees it (their own ballots, anonymous votes hidden). */
  state(c: Caller): ParticipationState {
    return this.deps.participation.stateFor(c.project.id, viewerOf(c))
  }

  async replace(c: Caller, input: BodyReader): Promise<ParticipationResponse> {
    const { participation } = this.deps
    requireOrganizer(c, 'change the need categories')
    const body = await input()
    const list = body.categories
    if (!Array.isArray(list) || list.length < 1 || list.length > CATEGORIES_MAX) {
      throw new ParticipationError(400, 'invalid_categories', `"categories" must be the whole list: 1 to ${CATEGORIES_MAX} categories.`)
    }
    const current = new Map(participation.categories.list(c.project.id).map((k) => [k.id, k]))
    const categories = list.map((item: unknown): NeedCategory => {
      if (!isObject(item)) {
        throw new ParticipationError(400, 'invalid_categories', 'Each category must be a JSON object {id?, zh, en?, hidden?}.')
      }
      const entry: Body = item
      const zh = text(entry, 'zh', CATEGORY_LABEL_MAX, true)
      const en = text(entry, 'en', CATEGORY_LABEL_MAX, false) || zh
      if (entry.hidden !== undefined && typeof entry.hidden !== 'boolean') throw new ParticipationError(400, 'invalid_hidden', '"hidden" must be true or false.')
      const hidden = entry.hidden === true
      if (entry.id === undefined) return { id: `c-${randomBytes(6).toString('base64url')}`, zh, en, hidden, builtIn: false }
      const known = isId(entry.id) ? current.get(entry.id) : undefined
      if (!known) throw new ParticipationError(400, 'invalid_id', `There is no category "${String(entry.id)}" in this project; leave "id" out for a new one.`)
      return { id: known.id, zh, en, hidden, builtIn: known.builtIn }
    })
    if (new Set(categories.map((k) => k.id)).size !== categories.length) {
      throw new ParticipationError(400, 'invalid_categories', 'A category appears twice in the list.')
    }
    if (categories.every((k) => k.hidden)) {
      throw new ParticipationError(400, 'invalid_categories', 'Keep at least one category visible, or nobody can add a need.')
    }
    const inUse = participation.categories.replace(c.project.id, categories)
    if (inUse.length > 0) {
      throw new ParticipationError(409, 'category_in_use',
        `Some needs have the category "${inUse.map((id) => current.get(id)?.zh ?? id).join('", "')}"; hide it instead of removing it.`)
    }
    return changed(participation, c)
  }
}
