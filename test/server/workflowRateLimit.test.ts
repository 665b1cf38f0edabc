import { afterEach, describe, expect, it } from 'vitest'
import type { Config } from '../../server/config.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { postJson, request } from './httpTestKit.js'
import { upgradeStatus } from './syncTestKit.js'
import { api, createProject, openEvents, closeAllStreams } from './workflowTestKit.js'

describe('rate limits per client address', () => {
  let server: TestServer | undefined

  afterEach(async () => {
    closeAllStreams()
    await server?.stop()
    server = undefined
  })

  async function start(overrides: Partial<Config>): Promise<TestServer> {
    server = await startTestServer(overrides)
    return server
  }

  function expectLimited(res: { status: number; headers: Record<string, unknown>; body: Record<string, unknown> }): void {
    expect(res.status).toBe(429)
    expect(res.body.code).toBe('rate_limited')
    expect(res.body.error).toMatch(/wait \d+ seconds/)
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1)
  }

  const raw = async (url: string, path: string, init: Parameters<typeof request>[2] = {}) => {
    const res = await request(url, path, init)
    return { status: res.status, headers: res.headers as Record<string, unknown>, body: res.text ? res.json() : {} }
  }

  it('answers write calls past the limit with 429 and Retry-After, and leaves reading alone', async () => {
    const s = await start({ rateLimitPerMinute: 3 })
    for (let i = 0; i < 3; i++) expect((await postJson(s.url, '/api/boards', { name: `b${i}` })).status).toBe(201)
    const limited = await postJson(s.url, '/api/boards', { name: 'one too many' })
    expectLimited({ status: limited.status, headers: limited.headers as Record<string, unknown>, body: limited.json() })
    expect((await request(s.url, '/api/config')).status).toBe(200)
  })

  it('allows fewer project creations than other writes', async () => {
    const s = await start({ projectCreateLimitPerMinute: 2 })
    await createProject(s.url)
    await createProject(s.url)
    const body = JSON.stringify({ name: '花园', site: '南门', area: '学林苑' })
    const limited = await raw(s.url, '/api/projects', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })
    expectLimited(limited)
    expect(limited.body.error).toMatch(/projects/)
    expect((await postJson(s.url, '/api/boards', { name: 'still fine' })).status).toBe(201)
  })

  it('slows down token guessing: past the limit wrong tokens get 429 on every route, while a right one still gets in', async () => {
    const s = await start({ authFailureLimitPerMinute: 2 })
    const project = await createProject(s.url)
    const path = `/api/projects/${project.projectId}`
    const wrong = 'x'.repeat(43)
    expect((await api(s.url, 'GET', path, { token: wrong })).status).toBe(401)
    expect((await openEvents(s.url, project.projectId, wrong)).status).toBe(401)

    expectLimited(await raw(s.url, path, { headers: { Authorization: `Bearer ${wrong}` } }))
    const stream = await openEvents(s.url, project.projectId, wrong)
    expect(stream.status).toBe(429)
    expect(stream.headers['retry-after']).toBeDefined()
    expect(await upgradeStatus(`${s.syncUrl}/${project.projectId}?token=${wrong}`)).toBe(429)
    // The people sharing the address who hold a real link are not locked out (test/server/fairLimits.test.ts).
    expect((await raw(s.url, path, { headers: { Authorization: `Bearer ${project.organizerToken}` } })).status).toBe(200)
    // Requests that present no token are not what is being limited.
    expect((await postJson(s.url, '/api/boards', { name: 'plain board' })).status).toBe(201)
  })

  it('counts wrong tokens sent to the sync endpoint too', async () => {
    const s = await start({ authFailureLimitPerMinute: 1 })
    const project = await createProject(s.url)
    expect(await upgradeStatus(`${s.syncUrl}/${project.projectId}?token=${'y'.repeat(43)}`)).toBe(401)
    expectLimited(await raw(s.url, `/api/projects/${project.projectId}`, { headers: { Authorization: `Bearer ${'z'.repeat(43)}` } }))
  })

  it('ignores X-Forwarded-For unless TRUST_PROXY is set, and then counts per forwarded address', async () => {
    const post = (url: string, forwardedFor: string) => raw(url, '/api/boards', {
      method: 'POST', body: JSON.stringify({ name: 'b' }), headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': forwardedFor },
    })
    const direct = await start({ rateLimitPerMinute: 1 })
    expect((await post(direct.url, '203.0.113.1')).status).toBe(201)
    expectLimited(await post(direct.url, '203.0.113.2'))
    await direct.stop()

    const proxied = await start({ rateLimitPerMinute: 1, trustProxy: true })
    expect((await post(proxied.url, '203.0.113.1')).status).toBe(201)
    // Only the last entry (the one our proxy appended) counts; the client's own claim is ignored.
    expectLimited(await post(proxied.url, '10.9.9.9, 203.0.113.1'))
    expect((await post(proxied.url, '203.0.113.2')).status).toBe(201)
  })
})
