import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CloseCode } from '../../src/shared/protocol.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import {
  connectClient, createBoard, destroyAllClients, storedDoc, synced, upgradeStatus, waitFor, type Client,
} from './syncTestKit.js'
import { api, createLink, createProject, moveStage, type TestProject } from './workflowTestKit.js'

describe('sync permissions of project boards', () => {
  let server: TestServer
  let project: TestProject

  beforeEach(async () => {
    server = await startTestServer()
    project = await createProject(server.url)
  })

  afterEach(async () => {
    destroyAllClients()
    await server.stop()
  })

  const stored = async (key: string) => (await storedDoc(server.running.storage, project.projectId)).doc.getMap('test').get(key)

  /**
   * After `writer` has written, prove the server has handled it: the writer then announces a marker
   * in its awareness (handled after the write, in order), the organizer writes a fence once it sees
   * the marker, and `observer` waits for the fence (relayed in order, after anything stored before).
   */
  async function fence(writer: Client, organizer: Client, observer: Client, name: string): Promise<void> {
    writer.provider.awareness.setLocalStateField('marker', name)
    await waitFor(() => [...organizer.provider.awareness.getStates().values()].some((s) => s.marker === name), `marker ${name}`)
    organizer.map.set(`fence-${name}`, true)
    await waitFor(() => observer.map.get(`fence-${name}`) === true, `fence ${name}`)
    await waitFor(async () => (await stored(`fence-${name}`)) === true, `fence ${name} stored`)
  }

  it("refuses a resident's write during Organize for good: not after the stage opens, not after a reconnect; a fresh start writes", async () => {
    const resident = await createLink(server.url, project, 'resident')
    const committee = await createLink(server.url, project, 'committee')
    const o = connectClient(server.syncUrl, project.projectId, { token: project.organizerToken })
    const r = connectClient(server.syncUrl, project.projectId, { token: resident.token })
    const c = connectClient(server.syncUrl, project.projectId, { token: committee.token })
    await Promise.all([synced(o), synced(r), synced(c)])

    r.map.set('early', 'resident during organize')
    await fence(r, o, c, 'one')
    expect(c.map.get('early')).toBeUndefined()
    expect(o.map.get('early')).toBeUndefined()
    expect(await stored('early')).toBeUndefined()

    // The stage opens writing: the server asks the still-connected client for what it lacks, and
    // the (stock, tampered-alike) client sends the early edit again. It must not land now either.
    expect((await moveStage(server.url, project, 'organize', 'needs')).status).toBe(200)
    r.map.set('need', 'same doc, after the move')
    await fence(r, o, c, 'two')
    // …nor after a reconnect, when the client's step 2 carries it once more.
    r.provider.disconnect()
    void r.provider.connect()
    await synced(r)
    await fence(r, o, c, 'three')
    expect(c.map.get('early')).toBeUndefined()
    expect(c.map.get('need')).toBeUndefined()
    expect(await stored('early')).toBeUndefined()
    expect(r.closeCodes).toEqual([])

    // Our client starts over from the server's state when told of a refusal: a fresh doc writes.
    r.destroy()
    const again = connectClient(server.syncUrl, project.projectId, { token: resident.token })
    await synced(again)
    again.map.set('need', '想要一个有遮阳的座椅')
    await waitFor(() => c.map.get('need') === '想要一个有遮阳的座椅', 'resident write relayed after the move')
    await waitFor(async () => (await stored('need')) === '想要一个有遮阳的座椅', 'resident write stored')

    // Back to Organize: the same connection is read-only again, still without reconnecting.
    expect((await moveStage(server.url, project, 'needs', 'organize')).status).toBe(200)
    again.map.set('late', 'after moving back')
    await fence(again, o, c, 'four')
    expect(c.map.get('late')).toBeUndefined()
    expect(await stored('late')).toBeUndefined()
    expect(again.closeCodes).toEqual([])
  })

  it("closes a revoked link's open connection with 4403 and refuses it afterwards", async () => {
    const resident = await createLink(server.url, project, 'resident')
    const r = connectClient(server.syncUrl, project.projectId, { token: resident.token })
    await synced(r)
    const res = await api(server.url, 'DELETE', `/api/projects/${project.projectId}/links/${resident.linkId}`, { token: project.organizerToken })
    expect(res.status).toBe(200)
    await waitFor(() => r.closeCodes.includes(CloseCode.forbidden), 'revoked connection closed', 2_000)
    const url = `${server.syncUrl}/${project.projectId}?token=${resident.token}`
    expect(await upgradeStatus(url)).toBe(403)
  })

  it("closes a link's open connection with 4403 once the link expires", async () => {
    // 0.0005 h = 1.8 s: long enough to connect, short enough for the test.
    const resident = await createLink(server.url, project, 'resident', { expiresInHours: 0.0005 })
    const r = connectClient(server.syncUrl, project.projectId, { token: resident.token })
    await synced(r)
    expect(r.closeCodes).toEqual([])
    await waitFor(() => r.closeCodes.includes(CloseCode.forbidden), 'expired connection closed', 6_000)
    expect(await upgradeStatus(`${server.syncUrl}/${project.projectId}?token=${resident.token}`)).toBe(403)
  })

  it('refuses a sync connection without a valid token with 401, and leaves plain boards open', async () => {
    expect(await upgradeStatus(`${server.syncUrl}/${project.projectId}`)).toBe(401)
    expect(await upgradeStatus(`${server.syncUrl}/${project.projectId}?token=${'A'.repeat(43)}`)).toBe(401)
    const other = await createProject(server.url)
    expect(await upgradeStatus(`${server.syncUrl}/${project.projectId}?token=${other.organizerToken}`)).toBe(401)

    const boardId = await createBoard(server.running.storage)
    const a = connectClient(server.syncUrl, boardId)
    const b = connectClient(server.syncUrl, boardId)
    await Promise.all([synced(a), synced(b)])
    a.map.set('open', true)
    await waitFor(() => b.map.get('open') === true, 'plain board still open to everyone')
  })
})
