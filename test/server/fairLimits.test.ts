/**
 * Limits that stop a crafted client without locking out the people sharing its
 * address — event streams capped per address, wrong tokens refused without refusing right ones,
 * and state changes and sync upgrades from a foreign browser Origin refused.
 */
import os from 'node:os'
import { afterEach, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import type { Config } from '../../server/config.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { request } from './httpTestKit.js'
import { connectClient, destroyAllClients, synced, upgradeStatus, waitFor } from './syncTestKit.js'
import { closeAllStreams, createLink, createProject, openEvents, type EventReader } from './workflowTestKit.js'

let server: TestServer | undefined

afterEach(async () => {
  vi.restoreAllMocks()
  closeAllStreams()
  destroyAllClients()
  await server?.stop()
  server = undefined
})

async function start(overrides: Partial<Config> = {}): Promise<TestServer> {
  server = await startTestServer(overrides)
  return server
}

/** A raw call with the headers a crafted client chooses (Origin included). */
async function call(url: string, method: string, path: string, headers: Record<string, string> = {}, body?: unknown) {
  const res = await request(url, path, {
    method,
    headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: res.status, headers: res.headers, body: res.text ? res.json() : {} }
}

/** Try a WebSocket upgrade with `headers`; the status and JSON body of a refusal, or 101 when it opened. */
function upgrade(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers })
    ws.on('unexpected-response', (_req, res) => {
      let text = ''
      res.on('data', (c: Buffer) => { text += c.toString('utf8') })
      res.on('end', () => {
        ws.terminate()
        resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) as Record<string, unknown> : {} })
      })
    })
    ws.on('open', () => {
      ws.terminate()
      resolve({ status: 101, body: {} })
    })
    ws.on('error', reject)
  })
}

describe('event streams per address', () => {
  it('accepts as many open streams from one address as MAX_EVENT_STREAMS_PER_IP (default 200), refuses the next with 429, and frees a slot when one closes', async () => {
    const s = await start()
    expect(s.config.maxEventStreamsPerIp).toBe(200)
    const project = await createProject(s.url)
    const resident = await createLink(s.url, project, 'resident')

    const streams: EventReader[] = []
    for (let i = 0; i < 200; i++) {
      const stream = await openEvents(s.url, project.projectId, resident.token)
      expect(stream.status).toBe(200)
      streams.push(stream)
    }
    const refused = await openEvents(s.url, project.projectId, resident.token)
    expect(refused.status).toBe(429)
    expect(refused.body.code).toBe('too_many_streams')
    expect(refused.body.error).toMatch(/at most 200/)
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1)
    // Another person's link from the same address counts the same: the cap is per address.
    const organizerStream = await openEvents(s.url, project.projectId, project.organizerToken)
    expect(organizerStream.status).toBe(429)

    // The streams that are open are still served.
    await streams[0].next('state on connect')
    streams[199].close()
    await waitFor(async () => {
      const again = await openEvents(s.url, project.projectId, resident.token)
      if (again.status !== 200) return false
      await again.next('state on connect')
      return true
    }, 'a closed stream frees its slot')
  })

  it('counts streams per address, not per server: a low cap refuses only the address that reached it', async () => {
    const s = await start({ maxEventStreamsPerIp: 2, trustProxy: true })
    const project = await createProject(s.url)
    const open = (forwardedFor: string) => new Promise<number>((resolve, reject) => {
      // Through the "proxy": the last X-Forwarded-For entry is the client address (TRUST_PROXY).
      void import('node:http').then((http) => {
        const req = http.get(`${s.url}/api/projects/${project.projectId}/events?token=${project.organizerToken}`,
          { agent: false, headers: { 'X-Forwarded-For': forwardedFor } }, (res) => {
            resolve(res.statusCode ?? 0)
            if (res.statusCode !== 200) res.resume()
          })
        req.on('error', reject)
      })
    })
    expect(await open('203.0.113.1')).toBe(200)
    expect(await open('203.0.113.1')).toBe(200)
    expect(await open('203.0.113.1')).toBe(429)
    expect(await open('203.0.113.2')).toBe(200)
  })
})

describe('wrong tokens from a shared address', () => {
  it('after 40 wrong tokens from one address, a right token from that address still gets in everywhere; wrong ones get 429', async () => {
    const s = await start()
    expect(s.config.authFailureLimitPerMinute).toBe(30)
    const project = await createProject(s.url)
    const resident = await createLink(s.url, project, 'resident')
    const projectPath = `/api/projects/${project.projectId}`
    const sync = `${s.syncUrl}/${project.projectId}`

    // A hostile phone on the venue Wi-Fi guesses tokens on every route.
    const statuses: number[] = []
    for (let i = 0; i < 40; i++) {
      const wrong = `${String(i).padStart(2, '0')}${'g'.repeat(41)}`
      if (i % 3 === 0) statuses.push((await call(s.url, 'GET', projectPath, { Authorization: `Bearer ${wrong}` })).status)
      else if (i % 3 === 1) statuses.push((await openEvents(s.url, project.projectId, wrong)).status)
      else statuses.push(await upgradeStatus(`${sync}?token=${wrong}`))
    }
    expect(statuses.slice(0, 30).every((st) => st === 401)).toBe(true)
    expect(statuses.slice(30).every((st) => st === 429)).toBe(true)

    // Everyone else behind the same address, holding a real link, is not locked out.
    const state = await call(s.url, 'GET', projectPath, { Authorization: `Bearer ${resident.token}` })
    expect(state.status).toBe(200)
    const stream = await openEvents(s.url, project.projectId, resident.token)
    expect(stream.status).toBe(200)
    expect((await stream.next('state')).event).toBe('state')
    const organizerWrite = await call(s.url, 'POST', `${projectPath}/links`, { Authorization: `Bearer ${project.organizerToken}` }, { role: 'expert' })
    expect(organizerWrite.status).toBe(201)
    const client = connectClient(s.syncUrl, project.projectId, { token: resident.token })
    await synced(client)

    // The guesser is still slowed down, on every route, with a clear answer.
    const api = await call(s.url, 'GET', projectPath, { Authorization: `Bearer ${'h'.repeat(43)}` })
    expect(api.status).toBe(429)
    expect(api.body.code).toBe('rate_limited')
    expect(Number(api.headers['retry-after'])).toBeGreaterThanOrEqual(1)
    const events = await openEvents(s.url, project.projectId, 'i'.repeat(43))
    expect(events.status).toBe(429)
    const refusedUpgrade = await upgrade(`${sync}?token=${'j'.repeat(43)}`)
    expect(refusedUpgrade).toEqual({ status: 429, body: { error: expect.stringMatching(/wrong link tokens/), code: 'rate_limited' } })
  })
})

describe('foreign Origin', () => {
  const evil = 'https://evil.example'

  it('refuses state-changing API calls from another site with 403 foreign_origin, and changes nothing', async () => {
    const s = await start()
    const project = await createProject(s.url)
    const auth = { Authorization: `Bearer ${project.organizerToken}` }

    const board = await call(s.url, 'POST', '/api/boards', { Origin: evil }, { name: 'CSRF' })
    expect(board.status).toBe(403)
    expect(board.body.code).toBe('foreign_origin')
    expect(board.body.error).toMatch(/another site/)

    const link = await call(s.url, 'POST', `/api/projects/${project.projectId}/links`, { ...auth, Origin: evil }, { role: 'organizer' })
    expect(link.status).toBe(403)
    expect(link.body.code).toBe('foreign_origin')
    // A browser hiding where it came from (sandboxed frame, file: page) is not one of ours either.
    expect((await call(s.url, 'POST', '/api/boards', { Origin: 'null' }, { name: 'x' })).status).toBe(403)
    // Same host, another port is another origin.
    const { port } = new URL(s.url)
    expect((await call(s.url, 'POST', '/api/boards', { Origin: `http://127.0.0.1:${Number(port) + 1}` }, { name: 'x' })).status).toBe(403)

    // Nothing was made: the organizer still has only the link the project was created with.
    const links = await call(s.url, 'GET', `/api/projects/${project.projectId}/links`, auth)
    expect(links.status).toBe(200)
    expect((links.body.links as unknown[]).length).toBe(1)
  })

  it('lets through calls without Origin, from its own host (http or https), from PUBLIC_URL and ALLOWED_ORIGINS, and reading from anywhere', async () => {
    const s = await start({ publicUrl: 'https://cogo.example.cn', allowedOrigins: ['https://partner.example.org'] })
    const ownHost = new URL(s.url).host
    for (const origin of [undefined, `http://${ownHost}`, `https://${ownHost}`, 'https://cogo.example.cn', 'https://partner.example.org']) {
      const res = await call(s.url, 'POST', '/api/boards', origin === undefined ? {} : { Origin: origin }, { name: 'ok' })
      expect(res.status, `Origin ${origin ?? '(none)'}`).toBe(201)
    }
    expect((await call(s.url, 'GET', '/api/config', { Origin: evil })).status).toBe(200)
  })

  it('refuses a sync upgrade from another site with 403 foreign_origin; without Origin or from its own page it opens', async () => {
    const s = await start()
    const board = await call(s.url, 'POST', '/api/boards', {}, { name: 'ws' })
    const url = `${s.syncUrl}/${board.body.id as string}`
    const ownOrigin = `http://${new URL(s.url).host}`

    expect(await upgrade(url, { Origin: evil })).toEqual({ status: 403, body: { error: expect.stringMatching(/another site/), code: 'foreign_origin' } })
    expect((await upgrade(url, { Origin: ownOrigin })).status).toBe(101)
    expect((await upgrade(url)).status).toBe(101)
    // The stock y-websocket client in Node sends no Origin and syncs as before.
    const client = connectClient(s.syncUrl, board.body.id as string)
    await synced(client)
  })

  it('accepts the LAN addresses of a server listening on every interface', async () => {
    // A LAN address this machine does not really have, so the test does not depend on its network.
    vi.spyOn(os, 'networkInterfaces').mockReturnValue({
      eth9: [{ address: '192.0.2.77', netmask: '255.255.255.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: false, cidr: '192.0.2.77/24' }],
    })
    const s = await start({ host: '0.0.0.0' })
    const { port } = new URL(s.url)
    // The request reaches us as 127.0.0.1 (Host), but the page was opened on the LAN address.
    expect((await call(s.url, 'POST', '/api/boards', { Origin: `http://192.0.2.77:${port}` }, { name: 'lan' })).status).toBe(201)
    expect((await call(s.url, 'POST', '/api/boards', { Origin: `http://192.0.2.78:${port}` }, { name: 'lan' })).status).toBe(403)
    await s.stop()

    const local = await start({ host: '127.0.0.1' })
    const localPort = new URL(local.url).port
    expect((await call(local.url, 'POST', '/api/boards', { Origin: `http://192.0.2.77:${localPort}` }, { name: 'lan' })).status).toBe(403)
  })
})
