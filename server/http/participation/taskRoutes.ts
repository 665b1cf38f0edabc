/** The task list over HTTP (docs/api.md, "Tasks"); the rules are TaskActions' (server/participation/taskActions.ts). */
import type { Handler, Route } from '../router.js'
import { answer, bodyOf, caller, type ParticipationRouteDeps } from './participationRequest.js'

export function taskRoutes({ workflow, actions }: ParticipationRouteDeps): Route[] {
  const tasks = actions.tasks

  const create: Handler = async ({ req, res, params }) => {
    answer(res, 201, await tasks.create(caller(req, workflow, params.id), bodyOf(req)))
  }
  const edit: Handler = async ({ req, res, params }) => {
    answer(res, 200, await tasks.edit(caller(req, workflow, params.id), params.taskId, bodyOf(req)))
  }
  const remove: Handler = ({ req, res, params }) => {
    answer(res, 200, tasks.remove(caller(req, workflow, params.id), params.taskId))
  }
  const status: Handler = async ({ req, res, params }) => {
    answer(res, 200, await tasks.setStatus(caller(req, workflow, params.id), params.taskId, bodyOf(req)))
  }
  const photo: Handler = async ({ req, res, params }) => {
    answer(res, 201, await tasks.addPhoto(caller(req, workflow, params.id), params.taskId, bodyOf(req)))
  }
  const accept: Handler = async ({ req, res, params }) => {
    answer(res, 200, await tasks.accept(caller(req, workflow, params.id), params.taskId, bodyOf(req)))
  }
  const acceptFor: Handler = async ({ req, res, params }) => {
    answer(res, 200, await tasks.acceptFor(caller(req, workflow, params.id), params.taskId, bodyOf(req)))
  }
  const withdraw: Handler = ({ req, res, params }) => {
    answer(res, 200, tasks.withdrawAcceptance(caller(req, workflow, params.id), params.taskId))
  }

  return [
    { pattern: '/api/projects/:id/tasks', methods: { POST: create } },
    { pattern: '/api/projects/:id/tasks/:taskId', methods: { PATCH: edit, DELETE: remove } },
    { pattern: '/api/projects/:id/tasks/:taskId/status', methods: { POST: status } },
    { pattern: '/api/projects/:id/tasks/:taskId/photos', methods: { POST: photo } },
    { pattern: '/api/projects/:id/tasks/:taskId/acceptance', methods: { PUT: accept, DELETE: withdraw } },
    { pattern: '/api/projects/:id/proxy/tasks/:taskId/acceptance', methods: { PUT: acceptFor } },
  ]
}
