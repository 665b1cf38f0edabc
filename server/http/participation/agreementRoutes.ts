/** Approvals, the quorum, confirming and reopening the agreement over HTTP; the rules are AgreementActions' (server/participation/agreementActions.ts). */
import type { Handler, Route } from '../router.js'
import { answer, bodyOf, caller, type ParticipationRouteDeps } from './participationRequest.js'

export function agreementRoutes({ workflow, actions }: ParticipationRouteDeps): Route[] {
  const agreement = actions.agreement

  const approve: Handler = async ({ req, res, params }) => {
    answer(res, 200, await agreement.approve(caller(req, workflow, params.id), bodyOf(req)))
  }
  const withdraw: Handler = ({ req, res, params }) => {
    answer(res, 200, agreement.withdraw(caller(req, workflow, params.id)))
  }
  const setQuorum: Handler = async ({ req, res, params }) => {
    answer(res, 200, await agreement.setQuorum(caller(req, workflow, params.id), bodyOf(req)))
  }
  const confirm: Handler = async ({ req, res, params }) => {
    answer(res, 200, await agreement.confirm(caller(req, workflow, params.id), bodyOf(req)))
  }
  const reopen: Handler = async ({ req, res, params }) => {
    answer(res, 200, await agreement.reopen(caller(req, workflow, params.id), bodyOf(req)))
  }

  return [
    { pattern: '/api/projects/:id/approvals', methods: { POST: approve } },
    { pattern: '/api/projects/:id/approvals/mine', methods: { DELETE: withdraw } },
    { pattern: '/api/projects/:id/quorum', methods: { PUT: setQuorum } },
    { pattern: '/api/projects/:id/agreement', methods: { POST: confirm } },
    { pattern: '/api/projects/:id/agreement/reopen', methods: { POST: reopen } },
  ]
}
