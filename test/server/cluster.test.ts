/**
 * The cluster as an operator runs it (docs/deploy.md): three built instances on one PostgreSQL
 * database and one Redis, behind nginx doing plain round robin (no sticky sessions), with stock
 * y-websocket clients connecting through nginx. Faults: an instance killed with SIGKILL in the
 * middle of a burst, Redis restarted while people draw, PostgreSQL unreachable for a few seconds.
 * In every case all clients and the stored board converge, with every edit present.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { BuiltServer } from '../helpers/builtServer.js'
import { stopBuiltServers } from '../helpers/builtServer.js'
import { hostPort, startInstances, startPgProxy, startRedis, type PgProxy, type TestRedis } from '../helpers/clusterKit.js'
import { startBalancer, type Balancer } from '../helpers/nginxBalancer.js'
import { freshPgDatabase } from '../helpers/pgDatabase.js'
import { connectClient, destroyAllClients, synced, waitFor, type Client } from './syncTestKit.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  destroyAllClients()
  stopBuiltServers()
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {})
})

interface Cluster {
  instances: BuiltServer[]
  balancer: Balancer
  redis: TestRedis
  proxy?: PgProxy
  syncUrl: string
}

async function startCluster(count: number, options: { viaProxy?: boolean; env?: Record<string, string> } = {}): Promise<Cluster> {
  const db = await freshPgDatabase()
  cleanups.push(() => db.drop())
  const redis = await startRedis()
  cleanups.push(() => redis.stop())
  let proxy: PgProxy | undefined
  let databaseUrl = db.url
  if (options.viaProxy) {
    proxy = await startPgProxy()
    cleanups.push(() => proxy!.close())
    databaseUrl = proxy.url(new URL(db.url).pathname.slice(1))
  }
  const instances = await startInstances(count, {
    DATABASE_URL: databaseUrl, REDIS_URL: redis.url, TRUST_PROXY: 'true', ...options.env,
  })
  const balancer = await startBalancer(instances.map(hostPort))
  cleanups.push(() => balancer.stop())
  return { instances, balancer, redis, proxy, syncUrl: balancer.url.replace('http', 'ws') + '/sync' }
}

async function createBoard(url: string, name: string): Promise<string> {
  const res = await fetch(`${url}/api/boards`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }),
  })
  expect(res.status).toBe(201)
  return ((await res.json()) as { id: string }).id
}

/** Each writer sets its own keys in bursts until stop() is called; returns every key it wrote. */
function draw(clients: Client[]): { stop: () => Promise<Set<string>> } {
  let stopping = false
  const written = new Set<string>()
  const runs = clients.map(async (c, i) => {
    for (let n = 0; !stopping; n++) {
      const key = `c${i}-${n}`
      c.map.set(key, { n, text: '长椅'.repeat(n % 4) })
      written.add(key)
      if (n % 5 === 4) await new Promise((r) => setTimeout(r, 10))
    }
  })
  return { stop: async () => { stopping = true; await Promise.all(runs); return written } }
}

async function converged(clients: Client[], keys: Set<string>, what: string): Promise<void> {
  await waitFor(() => clients.every((c) => c.map.size === keys.size && [...keys].every((k) => c.map.has(k))),
    `${what}: every client holds all ${keys.size} edits (have ${clients.map((c) => c.map.size).join(', ')})`, 30_000)
}

/** A fresh client reading the board through the balancer: what is stored (and served by any instance). */
async function storedKeys(syncUrl: string, boardId: string): Promise<Set<string>> {
  const reader = connectClient(syncUrl, boardId)
  await synced(reader)
  const keys = new Set(reader.map.keys())
  reader.destroy()
  return keys
}

describe('three instances behind nginx (PostgreSQL + Redis)', () => {
  it('an edit made through one instance reaches clients on the others', async () => {
    const cluster = await startCluster(3)
    const boardId = await createBoard(cluster.balancer.url, '三台服务器')
    // Round robin: three clients in a row land on three different instances.
    const clients = [0, 1, 2].map(() => connectClient(cluster.syncUrl, boardId))
    await Promise.all(clients.map(synced))
    clients[0].map.set('bench', { by: 0 })
    await waitFor(() => clients.every((c) => c.map.has('bench')), 'the edit reaches all three', 5_000)
    clients[2].doc.transact(() => clients[2].map.set('tree', { by: 2 }))
    await waitFor(() => clients.every((c) => c.map.has('tree')), 'and back', 5_000)
  })

  it('survives an instance killed with SIGKILL mid-burst: its clients reconnect through nginx and everything converges', async () => {
    // Compaction often, so the kill can land inside one too.
    const cluster = await startCluster(3, { env: { COMPACT_AFTER_UPDATES: '40' } })
    const boardId = await createBoard(cluster.balancer.url, '停电演练')
    const clients = Array.from({ length: 6 }, () => connectClient(cluster.syncUrl, boardId))
    await Promise.all(clients.map(synced))
    const burst = draw(clients)
    // Kill once edits are flowing between instances: a client holds many keys it did not write.
    await waitFor(() => clients[0].map.size >= 300, 'edits flow', 20_000)
    const victim = cluster.instances[1]
    victim.child.kill('SIGKILL')
    expect(await victim.exit).toBe('SIGKILL')
    // Drawing goes on while the victim's clients find another instance.
    await new Promise((r) => setTimeout(r, 1500))
    const written = await burst.stop()
    await converged(clients, written, 'after the kill')
    const stored = await storedKeys(cluster.syncUrl, boardId)
    expect([...written].filter((k) => !stored.has(k))).toEqual([])
  })

  it('converges when Redis restarts while people draw', async () => {
    const cluster = await startCluster(2)
    const boardId = await createBoard(cluster.balancer.url, 'Redis 重启')
    const clients = Array.from({ length: 4 }, () => connectClient(cluster.syncUrl, boardId))
    await Promise.all(clients.map(synced))
    const burst = draw(clients)
    await waitFor(() => clients[0].map.size >= 100, 'edits flow', 20_000)
    await cluster.redis.restart(1000)
    await new Promise((r) => setTimeout(r, 1500))
    const written = await burst.stop()
    await converged(clients, written, 'after the Redis restart')
    // And live relay works again after it: a new edit crosses instances at once.
    clients[0].map.set('after', true)
    await waitFor(() => clients.every((c) => c.map.has('after')), 'a new edit crosses after the restart', 5_000)
    const stored = await storedKeys(cluster.syncUrl, boardId)
    expect([...written].filter((k) => !stored.has(k))).toEqual([])
  })

  it('PostgreSQL unreachable for a few seconds: loud on /healthz, nothing acknowledged lost, converges after', async () => {
    const cluster = await startCluster(2, { viaProxy: true })
    const boardId = await createBoard(cluster.balancer.url, '数据库断线')
    const clients = Array.from({ length: 4 }, () => connectClient(cluster.syncUrl, boardId))
    await Promise.all(clients.map(synced))
    const burst = draw(clients)
    await waitFor(() => clients[0].map.size >= 100, 'edits flow', 20_000)
    await cluster.proxy!.down()
    // Loud: the instances say they cannot save (as for a full disk).
    await waitFor(async () => {
      const codes = await Promise.all(cluster.instances.map((i) => fetch(`${i.url}/healthz`).then((r) => r.status, () => 0)))
      return codes.every((c) => c === 503)
    }, 'every instance reports 503 on /healthz while the database is unreachable', 10_000)
    await new Promise((r) => setTimeout(r, 2000))
    await cluster.proxy!.up()
    await new Promise((r) => setTimeout(r, 1000))
    const written = await burst.stop()
    await waitFor(async () => {
      const codes = await Promise.all(cluster.instances.map((i) => fetch(`${i.url}/healthz`).then((r) => r.status, () => 0)))
      return codes.every((c) => c === 200)
    }, 'healthy again once the database is back', 15_000)
    await converged(clients, written, 'after the outage')
    const stored = await storedKeys(cluster.syncUrl, boardId)
    expect([...written].filter((k) => !stored.has(k))).toEqual([])
  })
})
