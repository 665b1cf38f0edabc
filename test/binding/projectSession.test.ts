/**
 * A project board through openBoard against the real server: a role link's or a personal token as
 * sync parameter, the server's roles and names in presence, read-only while the role may not draw,
 * and a stage snapshot read back into a store.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import WebSocket from 'ws'
import type { TLAssetStore, TLStore } from 'tldraw'
import { openBoard, type BoardSession } from '../../src/sync/openBoard'
import { presenceRole } from '../../src/sync/bindPresence'
import { storeFromBoardUpdate } from '../../src/sync/storeFromBoardUpdate'
import type { LocalUser } from '../../src/sync/types'
import { startTestServer, type TestServer } from '../helpers/startTestServer'
import { api, createLink, createProject, moveStage, type TestProject } from '../server/workflowTestKit'
import { bindPeer, geoShape, shapesIn } from './harness'

const noAssets: TLAssetStore = {
  upload: () => Promise.reject(new Error('no uploads in this test')),
}

let server: TestServer
let project: TestProject
const sessions: BoardSession[] = []

beforeAll(async () => {
  server = await startTestServer()
  project = await createProject(server.url)
})
afterEach(() => {
  while (sessions.length) sessions.pop()!.close()
})
afterAll(async () => {
  await server?.stop()
})

function open(user: LocalUser, token: string, readOnly = false): BoardSession {
  const session = openBoard({
    boardId: project.projectId,
    syncUrl: server.syncUrl,
    user,
    assets: noAssets,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
    readOnly,
  })
  sessions.push(session)
  return session
}

const waitUntil = (check: () => void) => vi.waitFor(check, { timeout: 10_000, interval: 10 })
const mode = (s: BoardSession) => s.store.props.collaboration?.mode?.get()
const peers = (store: TLStore) => store.query.records('instance_presence').get()

describe('a project board session', () => {
  it('connects with the link token, shows each role to the others, and is read-only while the role may not draw', async () => {
    const resident = await createLink(server.url, project, 'resident')
    const org = open({ id: 'wang', name: '王老师', color: '#1864ab', role: 'organizer' }, project.organizerToken)
    // A resident during Organize: the page opens the board read-only.
    const res = open({ id: 'li', name: '李阿姨', color: '#a61e4d', role: 'resident' }, resident.token, true)
    await waitUntil(() => {
      expect(org.$status.get()).toBe('connected')
      expect(res.$status.get()).toBe('connected')
    })
    expect(mode(res)).toBe('readonly')
    expect(mode(org)).toBe('readwrite')

    await waitUntil(() => {
      expect(peers(org.store).map((p) => [p.userName, presenceRole(p)])).toEqual([['李阿姨', 'resident']])
      expect(peers(res.store).map((p) => [p.userName, presenceRole(p)])).toEqual([['王老师', 'organizer']])
    })

    // The organizer's drawing reaches the resident over the token-authenticated socket.
    await waitUntil(() => expect(org.$ready.get()).toBe(true))
    org.store.put([geoShape('底图说明')])
    await waitUntil(() => expect(shapesIn(res.store)).toHaveLength(1))

    // Collect needs opens: the page lifts read-only on the open session, without reconnecting.
    expect((await moveStage(server.url, project, 'organize', 'needs')).status).toBe(200)
    res.setReadOnly(false)
    expect(mode(res)).toBe('readwrite')
  })

  it('shows others the role the server vouches for, whatever role the client claims', async () => {
    const resident = await createLink(server.url, project, 'resident')
    const a = open({ id: 'a', name: '甲', color: '#1864ab', role: 'organizer' }, project.organizerToken)
    const b = open({ id: 'b', name: '乙', color: '#0b7285', role: 'mayor' as never }, project.organizerToken)
    open({ id: 'c', name: '丙', color: '#a61e4d', role: 'organizer' }, resident.token, true)
    await waitUntil(() =>
      expect(peers(a.store).map((p) => [p.userName, presenceRole(p)]).sort()).toEqual([['丙', 'resident'], ['乙', 'organizer']]),
    )
    await waitUntil(() => expect(peers(b.store).map((p) => presenceRole(p)).sort()).toEqual(['organizer', 'resident']))
  })

  it('with a personal token, shows others the name the person joined with', async () => {
    const resident = await createLink(server.url, project, 'resident')
    const joined = await api(server.url, 'POST', `/api/projects/${project.projectId}/participants`, {
      token: resident.token,
      body: { name: '李阿姨', unit: '3号楼' },
    })
    expect(joined.status).toBe(201)
    const personal = joined.body.token as string
    const org = open({ id: 'wang', name: '王老师', color: '#1864ab', role: 'organizer' }, project.organizerToken)
    // The client claims another name; the server stamps the participant's.
    const res = open({ id: 'li', name: '别人', color: '#a61e4d', role: 'resident' }, personal, true)
    await waitUntil(() => expect(res.$status.get()).toBe('connected'))
    await waitUntil(() => expect(peers(org.store).map((p) => [p.userName, presenceRole(p)])).toEqual([['李阿姨', 'resident']]))
  })
})

describe('storeFromBoardUpdate', () => {
  it('reads a board snapshot into a read-only store', () => {
    const doc = new Y.Doc()
    const peer = bindPeer(doc)
    peer.store.put([geoShape('花坛'), geoShape('座椅')])
    const store = storeFromBoardUpdate(Y.encodeStateAsUpdate(doc), noAssets)
    expect(shapesIn(store).map((s) => s.id).sort()).toEqual([geoShape('座椅').id, geoShape('花坛').id].sort())
    expect(store.props.collaboration?.mode?.get()).toBe('readonly')
    store.dispose()
    peer.unbind()
  })

  it('refuses bytes that are not a board', () => {
    expect(() => storeFromBoardUpdate(new Uint8Array([1, 2, 3, 250, 251]), noAssets)).toThrow()
  })
})
