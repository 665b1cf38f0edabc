/**
 * Undoing damage: the audit log names the link and person behind every stored
 * change; history lists stage-move and periodic snapshots; the organizer restores one as a new
 * change that every client (and storage) converges to, recorded in the audit log as a restore.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { YKeyValue } from 'y-utility/y-keyvalue'
import { connectClient, destroyAllClients, geoShape, startSeamedServer, synced, waitFor, type Client, type SeamedServer } from './syncTestKit.js'
import { serverSchema } from '../../server/sync/boardSchema.js'
import { api, createLink, createProject, moveStage, type TestProject } from './workflowTestKit.js'

interface Shape { id: string; x: number }

function records(client: Client): YKeyValue<Shape> {
  return new YKeyValue<Shape>(client.doc.getArray('records'))
}

/** The board's shapes (the server seeds every project board with tldraw's document and page). */
function recordsOf(doc: Y.Doc): Record<string, unknown> {
  const kv = new YKeyValue<unknown>(doc.getArray('records'))
  return Object.fromEntries([...kv.map.entries()].filter(([k]) => k.startsWith('shape:')).map(([k, v]) => [k, v.val]))
}

const shapeCount = (client: Client) => Object.keys(recordsOf(client.doc)).length

async function join(baseUrl: string, p: TestProject, token: string, name: string): Promise<{ id: string; token: string }> {
  const res = await api(baseUrl, 'POST', `/api/projects/${p.projectId}/participants`, { token, body: { name } })
  if (res.status !== 201) throw new Error(`join: ${res.status} ${JSON.stringify(res.body)}`)
  return { id: (res.body.participant as { id: string }).id, token: res.body.token as string }
}

describe('history and audit', () => {
  let server: SeamedServer

  afterEach(async () => {
    destroyAllClients()
    await server.stop()
  })

  it('names who changed the board, and restores a stage-move snapshot as a new change everyone converges to', async () => {
    server = await startSeamedServer({}, { snapshotIntervalMs: 0 })
    const p = await createProject(server.url)
    const resident = await createLink(server.url, p, 'resident', { label: '3 号楼' })
    const organizer = await join(server.url, p, p.organizerToken, '李主任')
    const wang = await join(server.url, p, resident.token, '王阿姨')
    expect((await moveStage(server.url, p, 'organize', 'needs')).status).toBe(200)

    const org = connectClient(server.syncUrl, p.projectId, { token: organizer.token })
    const res = connectClient(server.syncUrl, p.projectId, { token: wang.token })
    await Promise.all([synced(org), synced(res)])
    // The resident draws the plan's shapes (her own: she may later damage them), the organizer labels the schema.
    const planRecords = records(res)
    for (let i = 0; i < 5; i++) planRecords.set(`shape:${i}`, geoShape(`shape:${i}`, i))
    org.doc.getMap('meta').set('schema', serverSchema)
    await waitFor(() => shapeCount(org) === 5, 'the organizer sees the plan')
    await waitFor(() => JSON.stringify(res.doc.getMap('meta').toJSON()) === JSON.stringify({ schema: serverSchema }), 'the resident sees the schema')

    // The agreed-on state is kept by the next stage move.
    const move = await moveStage(server.url, p, 'needs', 'siteVisit')
    expect(move.status).toBe(200)
    const moveId = (move.body.move as { id: string }).id
    expect((await moveStage(server.url, p, 'siteVisit', 'needs')).status).toBe(200)

    // Damage: the resident deletes three shapes and scribbles one.
    const resRecords = records(res)
    for (let i = 0; i < 3; i++) resRecords.delete(`shape:${i}`)
    resRecords.set('shape:junk', geoShape('shape:junk', 666))
    await waitFor(() => shapeCount(org) === 3, 'the damage reached the organizer')

    // Only the organizer sees the audit log; it names the resident and the link.
    expect((await api(server.url, 'GET', `/api/projects/${p.projectId}/audit`, { token: wang.token })).status).toBe(403)
    const audit = await api(server.url, 'GET', `/api/projects/${p.projectId}/audit`, { token: p.organizerToken })
    expect(audit.status).toBe(200)
    const people = audit.body.byParticipant as { linkId: string; role: string; name: string; participantId: string; updates: number; bytes: number; firstAt: number; lastAt: number }[]
    const byName = Object.fromEntries(people.map((x) => [x.name, x]))
    expect(byName['王阿姨']).toMatchObject({ linkId: resident.linkId, role: 'resident', participantId: wang.id })
    expect(byName['王阿姨'].updates).toBeGreaterThanOrEqual(1)
    expect(byName['王阿姨'].bytes).toBeGreaterThan(0)
    expect(byName['王阿姨'].lastAt).toBeGreaterThanOrEqual(byName['王阿姨'].firstAt)
    expect(byName['李主任']).toMatchObject({ role: 'organizer', participantId: organizer.id })

    // History lists the stage moves; each snapshot can be fetched.
    const history = await api(server.url, 'GET', `/api/projects/${p.projectId}/history`, { token: p.organizerToken })
    expect(history.status).toBe(200)
    const items = history.body.snapshots as { id: string; kind: string }[]
    expect(items.filter((i) => i.kind === 'stageMove').map((i) => i.id)).toContain(moveId)
    expect((await api(server.url, 'GET', `/api/projects/${p.projectId}/history`, { token: wang.token })).status).toBe(403)
    const raw = await fetch(`${server.url}/api/projects/${p.projectId}/history/${moveId}`, { headers: { Authorization: `Bearer ${p.organizerToken}` } })
    expect(raw.status).toBe(200)
    const snapDoc = new Y.Doc()
    Y.applyUpdate(snapDoc, new Uint8Array(await raw.arrayBuffer()))
    expect(Object.keys(recordsOf(snapDoc)).sort()).toEqual(['shape:0', 'shape:1', 'shape:2', 'shape:3', 'shape:4'])

    // Restore: a resident may not; the organizer may, and every client converges to the snapshot.
    expect((await api(server.url, 'POST', `/api/projects/${p.projectId}/history/${moveId}/restore`, { token: wang.token })).status).toBe(403)
    const restored = await api(server.url, 'POST', `/api/projects/${p.projectId}/history/${moveId}/restore`, { token: organizer.token })
    expect(restored.status).toBe(200)
    const expected = recordsOf(snapDoc)
    for (const c of [org, res]) {
      await waitFor(() => JSON.stringify(recordsOf(c.doc)) !== '{}' && Object.keys(recordsOf(c.doc)).length === 5 && !('shape:junk' in recordsOf(c.doc)), 'client converges to the snapshot')
      expect(recordsOf(c.doc)).toEqual(expected)
      expect(c.doc.getMap('meta').toJSON()).toEqual({ schema: serverSchema })
    }
    const after = await api(server.url, 'GET', `/api/projects/${p.projectId}/audit`, { token: p.organizerToken })
    const entries = after.body.entries as { kind: string; name: string; linkId: string }[]
    expect(entries[0]).toMatchObject({ kind: 'restore', name: '李主任' })
    // The state before the restore was kept, so the restore itself can be undone.
    const listed = (await api(server.url, 'GET', `/api/projects/${p.projectId}/history`, { token: p.organizerToken })).body.snapshots as { kind: string }[]
    expect(listed.some((i) => i.kind === 'periodic')).toBe(true)

    // Stored: a fresh client after a restart reads the restored board.
    destroyAllClients()
    await server.restart()
    const fresh = connectClient(server.syncUrl, p.projectId, { token: p.organizerToken })
    await synced(fresh)
    expect(recordsOf(fresh.doc)).toEqual(expected)
  })

  it('takes periodic snapshots of a board that changed, and restores an unloaded board', async () => {
    server = await startSeamedServer({}, { snapshotIntervalMs: 100, unloadDelayMs: 0 })
    const p = await createProject(server.url)
    const org = connectClient(server.syncUrl, p.projectId, { token: p.organizerToken })
    await synced(org)
    records(org).set('shape:a', geoShape('shape:a', 1))
    // The server's own seeding (document, first page) is a change too, so a periodic snapshot may be
    // taken before shape:a arrives: once the server has shape:a, the snapshot to restore is the latest
    // periodic one taken after that — or, when the change had already been taken, the latest one
    // (nothing changes afterwards, so no newer one comes; ten intervals are waited for one).
    const watcher = connectClient(server.syncUrl, p.projectId, { token: p.organizerToken })
    await synced(watcher)
    await waitFor(() => records(watcher).has('shape:a'), 'the server has shape:a')
    watcher.destroy()
    const since = Date.now()
    const list = async () => ((await api(server.url, 'GET', `/api/projects/${p.projectId}/history`, { token: p.organizerToken })).body.snapshots as { id: string; kind: string; at: number }[])
    const periodic = async () => (await list()).filter((i) => i.kind === 'periodic').sort((a, b) => a.at - b.at)
    await waitFor(async () => {
      const taken = await periodic()
      return taken.some((i) => i.at >= since) || (taken.length > 0 && Date.now() - since > 1_000)
    }, 'a periodic snapshot', 5_000)
    const first = (await periodic()).at(-1)!

    records(org).set('shape:b', geoShape('shape:b', 2))
    await waitFor(async () => (await list()).filter((i) => i.kind === 'periodic').length >= 2, 'another one after a change', 5_000)
    org.destroy()
    await waitFor(() => server.running.sync.stats().boardsLoaded === 0, 'board unloaded')

    const restored = await api(server.url, 'POST', `/api/projects/${p.projectId}/history/${first.id}/restore`, { token: p.organizerToken })
    expect(restored.status).toBe(200)
    const reader = connectClient(server.syncUrl, p.projectId, { token: p.organizerToken })
    await synced(reader)
    expect(recordsOf(reader.doc)).toEqual({ 'shape:a': geoShape('shape:a', 1) })
    expect((await api(server.url, 'POST', `/api/projects/${p.projectId}/history/nope/restore`, { token: p.organizerToken })).status).toBe(404)
  })
})
