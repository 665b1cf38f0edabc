/** GET /healthz: liveness for a process supervisor or load balancer, with a few live figures. */
import { sendJson } from './respond.js'
import type { Handler } from './router.js'

export interface Health {
  ok: true
  boardsLoaded: number
  connections: number
  uptimeSeconds: number
}

export function healthzHandler(stats: () => { boardsLoaded: number; connections: number }, startedAt: number): Handler {
  return ({ res }) => {
    const { boardsLoaded, connections } = stats()
    const body: Health = { ok: true, boardsLoaded, connections, uptimeSeconds: Math.floor((Date.now() - startedAt) / 1000) }
    sendJson(res, 200, body)
  }
}
