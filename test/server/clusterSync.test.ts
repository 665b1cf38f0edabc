/**
 * Several instances serve one board at once (REDIS_URL): an edit made through one instance reaches
 * clients on the others, presence too, and instances that lose Redis for a while catch up from
 * storage once it is back.
 */
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readConfig } from '../../server/config.js'
import { startCluster, type TestCluster } from './clusterTestKit.js'
import { openPgStorage } from '../../server/storage/PgStorage.js'
import WebSocket from 'ws'
import { awarenessFrame, connectClient, createBoard, destroyAllClients, openRaw, storedDoc, synced, waitFor, type Client } from './syncTestKit.js'

let cluster: TestCluster | undefined

async function historyRows(databaseUrl: string, boardId: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    return (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM board_history WHERE board_id = $1', [boardId])).rows[0].n
  } finally {
    await client.end()
  }
}

afterEach(async () => {
  destroyAllClients()
  await cluster?.stop()
  cluster = undefined
})

const nameOf = (c: Client, id: number) => (c.provider.awareness.getStates().get(id) as { user?: { name?: string } } | undefined)?.user?.name

describe('several instances, one board', () => {
  /** Two instances, a board, and a synced client on each. */
  async function clientOnEach() {
    cluster = await startCluster(2)
    const [a, b] = cluster.instances
    const boardId = await createBoard(a.running.storage)
    const onA = connectClient(a.syncUrl, boardId)
    const onB = connectClient(b.syncUrl, boardId)
    await Promise.all([synced(onA), synced(onB)])
    return { a, b, boardId, onA, onB }
  }

  it('an edit made on A reaches a client on B, and B’s edit reaches A; both are stored once each', async () => {
    const { b, boardId, onA, onB } = await clientOnEach()
    onA.map.set('from-a', 1)
    await waitFor(() => onB.map.get('from-a') === 1, 'B’s client sees A’s edit')
    onB.map.set('from-b', 2)
    await waitFor(() => onA.map.get('from-b') === 2, 'A’s client sees B’s edit')
    // A third client joining through B gets both from B's doc.
    const late = connectClient(b.syncUrl, boardId)
    await synced(late)
    expect(late.map.toJSON()).toEqual({ 'from-a': 1, 'from-b': 2 })
  })

  it('two instances that let a changed board go at once take one history snapshot between them, not one each', async () => {
    // No periodic snapshots in this test's time: only the unload one, which both instances take.
    cluster = await startCluster(2, { snapshotIntervalMs: 3_600_000, unloadDelayMs: 200 })
    const [a, b] = cluster.instances
    const boardId = await createBoard(a.running.storage)
    const onA = connectClient(a.syncUrl, boardId)
    const onB = connectClient(b.syncUrl, boardId)
    await Promise.all([synced(onA), synced(onB)])
    onA.map.set('bench', 1)
    onB.map.set('tree', 2)
    await waitFor(() => onA.map.size === 2 && onB.map.size === 2, 'both edits everywhere')
    destroyAllClients()
    await waitFor(() => a.running.sync.stats().boardsLoaded === 0 && b.running.sync.stats().boardsLoaded === 0, 'both unload the board')
    const history = await historyRows(cluster.databaseUrl, boardId)
    expect(history).toBe(1)
  })

  it('an instance letting a board go after another took a snapshot keeps its own last changes in the history', async () => {
    cluster = await startCluster(2, { snapshotIntervalMs: 3_600_000, unloadDelayMs: 200 })
    const [a, b] = cluster.instances
    const boardId = await createBoard(a.running.storage)
    const onA = connectClient(a.syncUrl, boardId)
    const onB = connectClient(b.syncUrl, boardId)
    await Promise.all([synced(onA), synced(onB)])
    onB.map.set('tree', 1)
    await waitFor(() => onA.map.get('tree') === 1, 'B’s edit on A')
    onB.destroy()
    await waitFor(() => b.running.sync.stats().boardsLoaded === 0, 'B lets the board go (and takes the snapshot)')
    // A's people go on drawing after B's snapshot.
    await new Promise((r) => setTimeout(r, 300))
    onA.map.set('bench', 2)
    destroyAllClients()
    await waitFor(() => a.running.sync.stats().boardsLoaded === 0, 'A lets it go')
    const client = new pg.Client({ connectionString: cluster.databaseUrl })
    await client.connect()
    try {
      const rows = (await client.query<{ state: Buffer }>('SELECT state FROM board_history WHERE board_id = $1 ORDER BY at DESC, rowid DESC', [boardId])).rows
      expect(rows.length).toBe(2)
      const doc = new Y.Doc()
      Y.applyUpdate(doc, rows[0].state)
      expect(doc.getMap('test').toJSON()).toEqual({ tree: 1, bench: 2 })
    } finally {
      await client.end()
    }
  })

  it('presence on A is seen on B, and goes when the person leaves', async () => {
    const { b, boardId, onA, onB } = await clientOnEach()
    onA.provider.awareness.setLocalState({ user: { name: '王阿姨' } })
    await waitFor(() => nameOf(onB, onA.doc.clientID) === '王阿姨', 'B sees A’s person')
    onB.provider.awareness.setLocalState({ user: { name: '李师傅' } })
    await waitFor(() => nameOf(onA, onB.doc.clientID) === '李师傅', 'A sees B’s person')
    onA.provider.awareness.setLocalState({ user: { name: '王阿姨 (3-201)' } })
    await waitFor(() => nameOf(onB, onA.doc.clientID) === '王阿姨 (3-201)', 'B sees the change')
    // A newcomer on B is greeted with A's person too.
    const late = connectClient(b.syncUrl, boardId)
    await synced(late)
    await waitFor(() => nameOf(late, onA.doc.clientID) === '王阿姨 (3-201)', 'a newcomer on B sees A’s person')
    const id = onA.doc.clientID
    onA.destroy()
    await waitFor(() => !onB.provider.awareness.getStates().has(id), 'A’s person gone on B')
  })

  /**
   * 王阿姨 on A with her cursor shown to the watchers (on A, and on B when `watchOnB`), then a script
   * on B that sends her client id with a newer clock, its own name and cursor. What the watchers were
   * shown of her id meanwhile is in `seen`.
   */
  async function victimAndScript(watchOnB: boolean, scriptClock: number) {
    cluster = await startCluster(2, { presenceTakeoverMs: 1_500 })
    const [a, b] = cluster.instances
    const boardId = await createBoard(a.running.storage)
    const victim = connectClient(a.syncUrl, boardId)
    const watchers = [connectClient(a.syncUrl, boardId), ...(watchOnB ? [connectClient(b.syncUrl, boardId)] : [])]
    await Promise.all([victim, ...watchers].map(synced))
    const id = victim.doc.clientID
    victim.provider.awareness.setLocalState({ user: { name: '王阿姨' }, cursor: { x: 1 } })
    await waitFor(() => watchers.every((w) => nameOf(w, id) === '王阿姨'), 'the watchers show the victim')
    const seen: unknown[] = []
    for (const w of watchers) w.provider.awareness.on('change', () => seen.push(nameOf(w, id)))
    const mallory = await openRaw(b.syncUrl, boardId)
    mallory.ws.send(awarenessFrame([{ id, clock: scriptClock, state: { user: { name: 'MALLORY' }, cursor: { x: 999 } } }]))
    // Past B's own takeover time (1.5 s, plus its margin for A's answer when it asks A).
    await new Promise((resolve) => setTimeout(resolve, 2_500))
    // She moves, and every watcher follows her.
    victim.provider.awareness.setLocalState({ user: { name: '王阿姨' }, cursor: { x: 2 } })
    const cursorOn = (c: Client) => (c.provider.awareness.getStates().get(id) as { cursor?: { x?: number } } | undefined)?.cursor?.x
    await waitFor(() => watchers.every((w) => cursorOn(w) === 2), 'the victim still moves, seen by every watcher')
    return { b, boardId, victim, seen }
  }

  it('a connection on B cannot take a cursor id held by a live connection on A (its instance is asked)', async () => {
    // B knows her (a watcher there): A pings her, she answers, B drops the claim. (Before, B moved the id at once.)
    const { b, boardId, victim, seen } = await victimAndScript(true, 1_000)
    expect(b.running.sync.presenceStats(boardId)!.takeovers).toBe(0)
    expect(seen.filter((n) => n !== '王阿姨')).toEqual([])
    expect(victim.closeCodes).toEqual([])
  })

  it('nor by claiming it on an instance that has not heard of her yet: her own instance keeps it', async () => {
    // B loads the board for the script: it has not seen her state (she renews every 15 s), takes the
    // claim and relays it; A holds it back while it pings her.
    const { victim, seen } = await victimAndScript(false, 1_000_000)
    expect(seen.filter((n) => n !== '王阿姨')).toEqual([])
    expect(victim.closeCodes).toEqual([])
  })

  // An instance that died answers nothing: test/server/remotePresence.test.ts (B's own timer decides).
  it('a person whose old connection on A is half-open gets her cursor id back through B once A finds it silent', async () => {
    cluster = await startCluster(2, { presenceTakeoverMs: 1_000 })
    const [a, b] = cluster.instances
    const boardId = await createBoard(a.running.storage)
    const watcher = connectClient(b.syncUrl, boardId)
    await synced(watcher)

    // Half-open on A: the old socket never answers pings. A says it is gone once it stays silent.
    const old = new WebSocket(`${a.syncUrl}/${boardId}`, { autoPong: false })
    await new Promise((resolve, reject) => { old.once('open', resolve); old.once('error', reject) })
    const oldClosed = new Promise<number>((resolve) => old.once('close', (code) => resolve(code)))
    old.send(awarenessFrame([{ id: 777, clock: 5, state: { user: { name: 'before' } } }]))
    await waitFor(() => nameOf(watcher, 777) === 'before', 'B shows the old connection\'s state')
    const moved = await openRaw(b.syncUrl, boardId)
    moved.ws.send(awarenessFrame([{ id: 777, clock: 6, state: { user: { name: 'after' } } }]))
    await waitFor(() => nameOf(watcher, 777) === 'after', 'the new connection on B took the id over', 5_000)
    expect(await oldClosed).toBe(1006)
  })

  it('instances that lose Redis catch up: edits made during the gap converge everywhere', async () => {
    const { a, onA, onB } = await clientOnEach()
    onA.map.set('before', 1)
    await waitFor(() => onB.map.get('before') === 1, 'relayed before the gap')
    expect(await (await fetch(`${a.url}/healthz`)).json()).toMatchObject({ ok: true, relay: 'connected' })
    expect(await cluster!.killRedisConnections()).toBeGreaterThanOrEqual(4)
    // Drawn right away, while the instances reconnect: some of these publishes fail or go unheard.
    for (let i = 0; i < 20; i++) {
      onA.map.set(`a${i}`, i)
      onB.map.set(`b${i}`, i)
      await new Promise((r) => setTimeout(r, 5))
    }
    const want = (c: Client) => Array.from({ length: 20 }, (_, i) => c.map.get(`a${i}`) === i && c.map.get(`b${i}`) === i).every(Boolean)
    await waitFor(() => want(onA) && want(onB), 'both clients have every edit made during the gap')
    // And the relay works again afterwards.
    onB.map.set('after', 1)
    await waitFor(() => onA.map.get('after') === 1, 'relayed after the gap')
    // Both of A's connections are back (its publisher may reconnect a moment after B's edit arrived).
    await waitFor(async () => ((await (await fetch(`${a.url}/healthz`)).json()) as { relay?: string }).relay === 'connected',
      'A reports its relay connected again')
  })
})

describe('three instances, a burst of edits', () => {
  it('clients spread over three instances converge through a Redis drop mid-burst, and the stored board has every edit', async () => {
    cluster = await startCluster(3)
    const { instances } = cluster
    const boardId = await createBoard(instances[0].running.storage)
    const clients = Array.from({ length: 6 }, (_, i) => connectClient(instances[i % 3].syncUrl, boardId))
    await Promise.all(clients.map(synced))
    const EDITS = 40
    const burst = Promise.all(clients.map(async (c, k) => {
      for (let i = 0; i < EDITS; i++) {
        c.map.set(`c${k}-${i}`, i)
        await new Promise((r) => setTimeout(r, 3))
      }
    }))
    await new Promise((r) => setTimeout(r, 40))
    expect(await cluster.killRedisConnections()).toBeGreaterThanOrEqual(6)
    await burst
    const complete = (c: Client) => clients.every((_, k) => Array.from({ length: EDITS }, (_, i) => c.map.get(`c${k}-${i}`) === i).every(Boolean))
    await waitFor(() => clients.every(complete), 'every client has every edit')
    destroyAllClients()
    await cluster.stopInstances()
    const storage = await openPgStorage(cluster.databaseUrl)
    try {
      const { doc } = await storedDoc(storage, boardId)
      const map = doc.getMap('test')
      expect(map.size).toBe(6 * EDITS)
      for (let k = 0; k < 6; k++) for (let i = 0; i < EDITS; i++) expect(map.get(`c${k}-${i}`)).toBe(i)
    } finally {
      await storage.close()
    }
  })
})

describe('REDIS_URL and REDIS_PREFIX', () => {
  it('are optional, and refused with a message naming the variable when malformed', () => {
    expect(readConfig({})).toMatchObject({ redisUrl: null, redisPrefix: 'cg:' })
    expect(readConfig({ REDIS_URL: 'redis://10.0.0.5:6379/2', REDIS_PREFIX: 'dachang:' })).toMatchObject({ redisUrl: 'redis://10.0.0.5:6379/2', redisPrefix: 'dachang:' })
    expect(() => readConfig({ REDIS_URL: '10.0.0.5:6379' })).toThrow(/REDIS_URL must (be|start)/)
    expect(() => readConfig({ REDIS_URL: 'http://10.0.0.5:6379' })).toThrow(/REDIS_URL must start with redis:\/\//)
    // A password in the address never reaches the message (logs travel further than settings).
    let message = ''
    try { readConfig({ REDIS_URL: 'http://:s3cret@10.0.0.5:6379' }) } catch (err) { message = String(err) }
    expect(message).toMatch(/REDIS_URL must start with redis:\/\/ or rediss:\/\//)
    expect(message).not.toContain('s3cret')
    expect(() => readConfig({ REDIS_PREFIX: 'two words' })).toThrow(/REDIS_PREFIX must be/)
    expect(() => readConfig({ REDIS_PREFIX: '' })).toThrow(/REDIS_PREFIX must be/)
  })
})
