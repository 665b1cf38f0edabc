/**
 * Project events across instances (REDIS_URL): what is done through instance A shows on B's event
 * streams, and a stage move or a revoked link acts on B's open connections within 2 s, as it does
 * on A's own.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import { afterEach, describe, expect, it } from 'vitest'
import { CloseCode } from '../../src/shared/protocol.js'
import type { FacilitationState, ParticipationState } from '../../src/shared/participation.js'
import { REDIS_TEST_URL, startCluster, type TestCluster } from './clusterTestKit.js'
import { startTestServer } from '../helpers/startTestServer.js'
import { seedProject } from './exportTestKit.js'
import { addOption, openRoom } from './participationTestKit.js'
import { connectClient, destroyAllClients, storedDoc, synced, upgradeStatus, waitFor } from './syncTestKit.js'
import { api, closeAllStreams, openEvents, type EventReader, type StreamEvent } from './workflowTestKit.js'

let cluster: TestCluster | undefined

afterEach(async () => {
  closeAllStreams()
  destroyAllClients()
  await cluster?.stop()
  cluster = undefined
})

/** The next event of `kind` on the stream that passes `test`. */
async function nextWhere(stream: EventReader, kind: string, test: (data: Record<string, unknown>) => boolean): Promise<StreamEvent> {
  for (;;) {
    const e = await stream.next(`a ${kind} event`)
    if (e.event === kind && test(e.data)) return e
  }
}

describe('project events across instances', () => {
  it('a stage move, a need and a meeting control made on A reach an event stream on B', async () => {
    cluster = await startCluster(2)
    const [a, b] = cluster.instances
    const room = await openRoom(a)
    const stream = await openEvents(b.url, room.project.projectId, room.resident.token)
    expect(stream.status).toBe(200)
    await nextWhere(stream, 'state', (d) => d.stage === 'organize')

    await room.moveTo('needs')
    await nextWhere(stream, 'state', (d) => d.stage === 'needs')

    expect((await room.call(room.resident, 'POST', '/needs', { x: 1, y: 2, categoryId: 'play', text: '孩子们需要一个沙坑' })).status).toBe(201)
    await nextWhere(stream, 'participation', (d) => (d as unknown as ParticipationState).needs.some((n) => n.text === '孩子们需要一个沙坑'))

    expect((await room.call(room.organizer, 'PUT', '/facilitation/hands', {})).status).toBe(200)
    await nextWhere(stream, 'facilitation', (d) => (d as unknown as FacilitationState).handsOpen)
    // B holds the meeting too: a hand raised through B is in A's answer.
    expect((await api(b.url, 'PUT', `${room.base}/facilitation/hands/mine`, { token: room.resident.token, body: {} })).status).toBe(200)
    await waitFor(async () => {
      const state = (await room.call(room.organizer, 'GET', '/facilitation')).body as unknown as FacilitationState
      return state.hands.some((h) => h.participantId === room.resident.participantId)
    }, 'A has the hand raised on B', 2_000)
  })

  it('a stage move on A lets a read-only connection on B write within 2 s', async () => {
    cluster = await startCluster(2)
    const [a, b] = cluster.instances
    const room = await openRoom(a)
    const boardId = room.project.projectId
    const organizer = connectClient(a.syncUrl, boardId, { token: room.organizer.token })
    const resident = connectClient(b.syncUrl, boardId, { token: room.resident.token })
    await Promise.all([synced(organizer), synced(resident)])
    const stream = await openEvents(b.url, boardId, room.resident.token)
    await nextWhere(stream, 'state', (d) => d.stage === 'organize')

    const moved = Date.now()
    await room.moveTo('needs')
    await nextWhere(stream, 'state', (d) => d.stage === 'needs')
    expect(Date.now() - moved).toBeLessThan(2_000)
    resident.map.set('need', '想要一个有遮阳的座椅')
    await waitFor(() => organizer.map.get('need') === '想要一个有遮阳的座椅', 'the resident’s edit made on B reaches A', 2_000)
    expect(resident.closeCodes).toEqual([])
  })

  it('a link revoked on A closes its connection and its event stream on B within 2 s', async () => {
    cluster = await startCluster(2)
    const [a, b] = cluster.instances
    const room = await openRoom(a)
    const boardId = room.project.projectId
    const resident = connectClient(b.syncUrl, boardId, { token: room.resident.token })
    await synced(resident)
    const stream = await openEvents(b.url, boardId, room.resident.token)
    await nextWhere(stream, 'state', () => true)
    const links = (await room.call(room.organizer, 'GET', '/links')).body.links as { linkId: string; role: string }[]
    const residentLink = links.find((l) => l.role === 'resident')!
    expect((await room.call(room.organizer, 'DELETE', `/links/${residentLink.linkId}`)).status).toBe(200)
    await waitFor(() => resident.closeCodes.includes(CloseCode.forbidden), 'the connection on B closed', 2_000)
    const closed = await nextWhere(stream, 'closed', () => true)
    expect(closed.data.code).toBe('link_revoked')
    expect(await upgradeStatus(`${b.syncUrl}/${boardId}?token=${room.resident.token}`)).toBe(403)
  })

  it('a vote closed on A is closed for a ballot sent to B, and B’s streams are told', async () => {
    cluster = await startCluster(2)
    const [a, b] = cluster.instances
    const room = await openRoom(a)
    await room.moveTo('siteVisit')
    const one = await addOption(room, '方案 A')
    const two = await addOption(room, '方案 B')
    await room.moveTo('negotiate')
    const opened = await room.call(room.organizer, 'POST', '/votes', { optionIds: [one, two], mode: 'single' })
    expect(opened.status).toBe(201)
    const voteId = opened.body.id as string
    const stream = await openEvents(b.url, room.project.projectId, room.resident.token)
    expect((await room.call(room.organizer, 'POST', `/votes/${voteId}/close`, {})).status).toBe(200)
    await nextWhere(stream, 'participation', (d) => (d as unknown as ParticipationState).votes.some((v) => v.id === voteId && v.closedAt !== null))
    const ballot = await api(b.url, 'POST', `${room.base}/votes/${voteId}/ballot`, { token: room.resident.token, body: { optionId: one } })
    expect(ballot).toMatchObject({ status: 409, body: { code: 'vote_closed' } })
  })

  it('meeting state changed on A while A cannot reach Redis reaches B once it can', async () => {
    cluster = await startCluster(2)
    const [a, b] = cluster.instances
    const room = await openRoom(a)
    const stream = await openEvents(b.url, room.project.projectId, room.resident.token)
    await nextWhere(stream, 'state', () => true)
    // Keep cutting this cluster's Redis connections for a while, and open hands up meanwhile.
    const until = Date.now() + 400
    const cutting = (async () => {
      while (Date.now() < until) {
        await cluster!.killRedisConnections()
        await new Promise((r) => setTimeout(r, 15))
      }
    })()
    await new Promise((r) => setTimeout(r, 30))
    expect((await room.call(room.organizer, 'PUT', '/facilitation/hands', {})).status).toBe(200)
    await cutting
    await nextWhere(stream, 'facilitation', (d) => (d as unknown as FacilitationState).handsOpen)
    const onB = (await api(b.url, 'GET', `${room.base}/facilitation`, { token: room.resident.token })).body as unknown as FacilitationState
    expect(onB.handsOpen).toBe(true)
  })

  it('an edit refused on A stays refused when the same client brings it to B after the stage opens', async () => {
    cluster = await startCluster(2)
    const [a, b] = cluster.instances
    const room = await openRoom(a)
    const boardId = room.project.projectId
    // B has the board loaded all along, so it learns of the refusal only through the relay.
    const watcher = connectClient(b.syncUrl, boardId, { token: room.organizer.token })
    const resident = connectClient(a.syncUrl, boardId, { token: room.resident.token })
    await Promise.all([synced(watcher), synced(resident)])
    resident.map.set('early', 'written while read-only')
    // A's handling is in order: the refusal (and its relay) comes before this presence change, which
    // B then shows (relayed on the same Redis connection, in order).
    resident.provider.awareness.setLocalStateField('marker', 'after the early edit')
    await waitFor(() => [...watcher.provider.awareness.getStates().values()].some((st) => st.marker === 'after the early edit'), 'the marker seen on B')
    await room.moveTo('needs')
    // The same doc (same client id, same refused structs) reconnects through B, as after a balancer switch.
    resident.provider.destroy()
    const again = new WebsocketProvider(b.syncUrl, boardId, resident.doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true, params: { token: room.resident.token },
    })
    try {
      await waitFor(() => again.synced, 'reconnected through B')
      // A fence: the organizer writes after the resident's resend has been handled by B.
      watcher.map.set('fence', 1)
      await waitFor(() => resident.doc.getMap('test').get('fence') === 1, 'fence seen by the resident')
      await new Promise((r) => setTimeout(r, 200))
      expect(watcher.map.get('early')).toBeUndefined()
      expect((await storedDoc(b.running.storage, boardId)).doc.getMap('test').get('early')).toBeUndefined()
    } finally {
      again.destroy()
    }
  })
})

describe('one archive imported on two instances at once', () => {
  it('is imported once, the other answers 409, and the images stay with the imported project', async () => {
    const source = await startTestServer()
    try {
      const seeded = await seedProject(source)
      const res = await fetch(`${source.url}/api/projects/${seeded.room.project.projectId}/export/archive`, {
        headers: { Authorization: `Bearer ${seeded.room.organizer.token}` },
      })
      expect(res.status).toBe(200)
      const zip = new Uint8Array(await res.arrayBuffer())
      const photo = Buffer.from(await (await fetch(source.url + seeded.photoSrc)).arrayBuffer())
      cluster = await startCluster(2)
      const [a, b] = cluster.instances
      // Race: both pass the "already here?" check before either has stored the project; the
      // second's rows then clash with the first's in the database.
      const answers = await Promise.all([a, b].map((s) =>
        fetch(`${s.url}/api/projects/import`, { method: 'POST', headers: { 'Content-Type': 'application/zip' }, body: zip })))
      expect(answers.map((r) => r.status).sort()).toEqual([201, 409])
      for (const s of [a, b]) {
        const served = await fetch(s.url + seeded.photoSrc)
        expect(served.status).toBe(200)
        expect(Buffer.from(await served.arrayBuffer())).toEqual(photo)
      }
    } finally {
      await source.stop()
    }
  })
})

describe('an instance that starts while a meeting runs (a restart, a scale-out)', () => {
  it('learns the meeting from the others before it serves anyone, so its first action does not wipe it', async () => {
    cluster = await startCluster(1)
    const [a] = cluster.instances
    const room = await openRoom(a)
    expect((await room.call(room.organizer, 'PUT', '/facilitation/hands', {})).status).toBe(200)
    expect((await room.call(room.expert, 'PUT', '/facilitation/hands/mine', {})).status).toBe(200)
    expect((await room.call(room.committee, 'PUT', '/facilitation/hands/mine', {})).status).toBe(200)
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-cluster-late-'))
    const late = await startTestServer({ dataDir, databaseUrl: cluster.databaseUrl, redisUrl: REDIS_TEST_URL, redisPrefix: cluster.prefix }, { log: () => {} })
    try {
      // At once, no waiting: it was told before it began to serve.
      const seen = await api(late.url, 'GET', `${room.base}/facilitation`, { token: room.resident.token })
      expect(seen.body).toMatchObject({ handsOpen: true })
      expect((seen.body.hands as unknown[]).length).toBe(2)
      // A resident raises her hand through it, and the organizer's action through it keeps all three.
      expect((await api(late.url, 'PUT', `${room.base}/facilitation/hands/mine`, { token: room.resident.token })).status).toBe(200)
      expect((await api(late.url, 'DELETE', `${room.base}/facilitation/timer`, { token: room.organizer.token })).status).toBe(200)
      await waitFor(async () => {
        const onA = await room.call(room.organizer, 'GET', '/facilitation')
        return onA.body.handsOpen === true && (onA.body.hands as unknown[]).length === 3
      }, 'A still has the hands open, with three raised', 5_000)
    } finally {
      await late.stop()
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it('a stage move refused because another instance moved first leaves this one on the stored stage', async () => {
    cluster = await startCluster(1)
    const [a] = cluster.instances
    const room = await openRoom(a)
    // B shares the database but not the events (a prefix of its own): the move's event never reaches
    // it, as when it was lost with a Redis reconnect.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-cluster-deaf-'))
    const b = await startTestServer({ dataDir, databaseUrl: cluster.databaseUrl, redisUrl: REDIS_TEST_URL, redisPrefix: `${cluster.prefix}deaf:` }, { log: () => {} })
    try {
      const stageOnB = async () => (await api(b.url, 'GET', `/api/projects/${room.project.projectId}`, { token: room.organizer.token })).body.stage
      expect(await stageOnB()).toBe('organize')
      const stream = await openEvents(b.url, room.project.projectId, room.resident.token)
      await nextWhere(stream, 'state', (d) => d.stage === 'organize')
      await room.moveTo('needs')
      const refused = await api(b.url, 'POST', `/api/projects/${room.project.projectId}/stage`, { token: room.organizer.token, body: { from: 'organize', to: 'needs' } })
      expect(refused).toMatchObject({ status: 409, body: { code: 'stage_conflict' } })
      // B's open screens are told too.
      await nextWhere(stream, 'state', (d) => d.stage === 'needs')
      // Reloading, as the message says, shows the stage the project is in, and a move from it works.
      expect(await stageOnB()).toBe('needs')
      const moved = await api(b.url, 'POST', `/api/projects/${room.project.projectId}/stage`, { token: room.organizer.token, body: { from: 'needs', to: 'siteVisit' } })
      expect(moved.status).toBe(200)
    } finally {
      await b.stop()
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
