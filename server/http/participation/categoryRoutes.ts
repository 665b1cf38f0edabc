/**
 * GET /api/projects/:id/participation (everything, as the caller may see it) and PUT
 * /api/projects/:id/categories (the organizer's need categories); the rules are CategoryActions'
 * (server/participation/categoryActions.ts).
 */
import type { Handler, Route } from '../router.js'
import { answer, bodyOf, caller, type ParticipationRouteDeps } from './participationRequest.js'

export function categoryRoutes({ workflow, actions }: ParticipationRouteDeps): Route[] {
  const categories = actions.categories

  const read: Handler = ({ req, res, params }) => {
    answer(res, 200, categories.state(caller(req, workflow, params.id)))
  }
  const setCategories: Handler = async ({ req, res, params }) => {
    answer(res, 200, await categories.replace(caller(req, workflow, params.id), bodyOf(req)))
  }

  return [
    { pattern: '/api/projects/:id/participation', methods: { GET: read } },
    { pattern: '/api/projects/:id/categories', methods: { PUT: setCategories } },
  ]
}
