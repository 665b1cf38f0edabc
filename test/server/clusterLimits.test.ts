/**
 * Limits and caps hold across instances (REDIS_URL): a client whose calls a balancer spreads over
 * two instances gets the allowance of one, not two; open connections and event streams of one
 * address are counted together.
 */
import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import { REDIS_TEST_URL, startCluster, type TestCluster } from './clusterTestKit.js'
import { postJson } from './httpTestKit.js'
import { createBoard, openRaw, upgradeStatus, waitFor } from './syncTestKit.js'
import { closeAllStreams, createProject, openEvents } from './workflowTestKit.js'

let cluster: TestCluster | undefined

afterEach(async () => {
  closeAllStreams()
  await cluster?.stop()
  cluster = undefined
})

describe('limits across instances', () => {
  it('counts write calls and wrong tokens of one address on every instance together', async () => {
    cluster = await startCluster(2, { rateLimitPerMinute: 5, authFailureLimitPerMinute: 2 })
    const [a, b] = cluster.instances
    const project = await createProject(a.url)
    for (const s of [a, b, a, b]) expect((await postJson(s.url, '/api/boards', { name: '花园' })).status).toBe(201)
    for (const s of [a, b]) {
      const limited = await postJson(s.url, '/api/boards', { name: 'one too many' })
      expect(limited.status).toBe(429)
      expect(limited.json().code).toBe('rate_limited')
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1)
    }

    // Wrong tokens: two on A use the budget up; B then refuses a wrong one on the sync endpoint too.
    const wrong = 'x'.repeat(43)
    for (let i = 0; i < 2; i++) expect(await upgradeStatus(`${a.syncUrl}/${project.projectId}?token=${wrong}`)).toBe(401)
    expect(await upgradeStatus(`${b.syncUrl}/${project.projectId}?token=${wrong}`)).toBe(429)
    // …while the right token still gets in there.
    const ok = await openRaw(b.syncUrl, `${project.projectId}?token=${project.organizerToken}`)
    ok.ws.close()
  })

  it('caps open sync connections and event streams per address over all instances, and admits again once one closes', async () => {
    cluster = await startCluster(2, { maxConnectionsPerIp: 2, maxEventStreamsPerIp: 1 })
    const [a, b] = cluster.instances
    const boardId = await createBoard(a.running.storage)
    const first = await openRaw(a.syncUrl, boardId)
    await openRaw(b.syncUrl, boardId)
    expect(await upgradeStatus(`${a.syncUrl}/${boardId}`)).toBe(429)
    expect(await upgradeStatus(`${b.syncUrl}/${boardId}`)).toBe(429)
    first.ws.close()
    await first.closed
    await waitFor(() => a.running.sync.stats().connections === 0, 'A saw the close')
    const again = await openRaw(b.syncUrl, boardId)
    expect(again.ws.readyState).toBe(again.ws.OPEN)

    const project = await createProject(a.url)
    const stream = await openEvents(a.url, project.projectId, project.organizerToken)
    expect(stream.status).toBe(200)
    const refused = await openEvents(b.url, project.projectId, project.organizerToken)
    expect(refused.status).toBe(429)
    expect(refused.body.code).toBe('too_many_streams')
    stream.close()
    await waitFor(async () => {
      const s = await openEvents(b.url, project.projectId, project.organizerToken)
      s.close()
      return s.status === 200
    }, 'B admits a stream once A’s has closed')
  })

  it('does not count the connections of an instance that died (its heartbeat lapsed), and counts a live one’s', async () => {
    cluster = await startCluster(1, { maxConnectionsPerIp: 2 })
    const [a] = cluster.instances
    const boardId = await createBoard(a.running.storage)
    const redis = new Redis(REDIS_TEST_URL)
    try {
      // What a kill -9'd instance leaves behind: its count of this address, and no heartbeat key.
      await redis.hset(`${cluster.prefix}cap:sync:127.0.0.1`, 'dead0000dead0000', '2')
      const first = await openRaw(a.syncUrl, boardId)
      await openRaw(a.syncUrl, boardId)
      // A live instance's count does count: give the same two places to one with a heartbeat.
      first.ws.close()
      await first.closed
      await waitFor(() => a.running.sync.stats().connections === 1, 'A saw the close')
      await redis.set(`${cluster.prefix}alive:live0000live0000`, '1', 'PX', 15_000)
      await redis.hset(`${cluster.prefix}cap:sync:127.0.0.1`, 'live0000live0000', '1')
      expect(await upgradeStatus(`${a.syncUrl}/${boardId}`)).toBe(429)
    } finally {
      redis.disconnect()
    }
  })
})
