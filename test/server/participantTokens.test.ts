import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CloseCode } from '../../src/shared/protocol.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { connectClient, destroyAllClients, synced, upgradeStatus, waitFor, type Client } from './syncTestKit.js'
import { api, closeAllStreams, createLink, createProject, moveStage, openEvents, type TestProject } from './workflowTestKit.js'

describe('personal participant tokens', () => {
  let server: TestServer
  let project: TestProject
  let base: string

  beforeEach(async () => {
    server = await startTestServer()
    project = await createProject(server.url)
    base = `/api/projects/${project.projectId}`
  })

  afterEach(async () => {
    destroyAllClients()
    closeAllStreams()
    await server.stop()
  })

  const join = (token: string, body: unknown) => api(server.url, 'POST', `${base}/participants`, { token, body })

  it('answers a join with a personal token that acts as the participant, with the role of its link', async () => {
    const resident = await createLink(server.url, project, 'resident')
    const first = await join(resident.token, { name: '王阿姨', unit: '3 号楼' })
    expect(first.status).toBe(201)
    const token = first.body.token as string
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(token).not.toBe(resident.token)
    const participantId = (first.body.participant as { id: string }).id

    const mine = await api(server.url, 'GET', base, { token })
    expect(mine.status).toBe(200)
    expect(mine.body).toMatchObject({ role: 'resident', linkId: resident.linkId, participantId })
    const bare = await api(server.url, 'GET', base, { token: resident.token })
    expect(bare.body).toMatchObject({ role: 'resident', participantId: null })

    // A second device, added from the first: the same participant, a new token, and the first one still works.
    const code = (await api(server.url, 'POST', `${base}/participants/me/device-link`, { token, body: {} })).body.code
    const again = await api(server.url, 'POST', `${base}/participants/claim`, { body: { code } })
    expect(again.status).toBe(200)
    expect((again.body.participant as { id: string }).id).toBe(participantId)
    expect(again.body.token).not.toBe(token)
    expect((await api(server.url, 'GET', base, { token: again.body.token as string })).body).toMatchObject({ participantId })
    expect((await api(server.url, 'GET', base, { token })).status).toBe(200)

    const stream = await openEvents(server.url, project.projectId, token)
    expect((await stream.next('the first state')).data).toMatchObject({ role: 'resident', participantId })

    // The role is the link's: a resident's personal token cannot do what only the organizer may.
    expect((await api(server.url, 'GET', `${base}/dashboard`, { token })).status).toBe(403)
    expect((await api(server.url, 'POST', `${base}/stage`, { token, body: { from: 'organize', to: 'needs' } })).status).toBe(403)
    // A personal token of another project is just a wrong token here.
    const other = await createProject(server.url)
    expect((await api(server.url, 'GET', `/api/projects/${other.projectId}`, { token })).status).toBe(401)
  })

  it("records the organizer's own name on a stage move made with a personal token", async () => {
    const organizer = await join(project.organizerToken, { name: '王老师' })
    const moved = await api(server.url, 'POST', `${base}/stage`, {
      token: organizer.body.token as string, body: { from: 'organize', to: 'needs', byName: '别人' },
    })
    expect(moved.status).toBe(200)
    expect(moved.body.move).toMatchObject({ byName: '王老师' })
  })

  it('syncs with a personal token, as read-only or writable as its role in the stage', async () => {
    const resident = await createLink(server.url, project, 'resident')
    const token = (await join(resident.token, { name: '李大爷' })).body.token as string
    const o = connectClient(server.syncUrl, project.projectId, { token: project.organizerToken })
    const r = connectClient(server.syncUrl, project.projectId, { token })
    await Promise.all([synced(o), synced(r)])
    o.map.set('from organizer', 1)
    await waitFor(() => r.map.get('from organizer') === 1, 'the resident receives the board')
    await moveStage(server.url, project, 'organize', 'needs')
    r.map.set('need', '想要遮阳')
    await waitFor(() => o.map.get('need') === '想要遮阳', "the resident's edit relayed once needs are collected")
    expect(r.closeCodes).toEqual([])
  })

  it("shows the participant's own name and role to the others, whatever the connection claims", async () => {
    const resident = await createLink(server.url, project, 'resident')
    const committee = await createLink(server.url, project, 'committee')
    const joined = (await join(resident.token, { name: '王阿姨' })).body
    const token = joined.token as string
    const participantId = (joined.participant as { id: string }).id
    const organizerId = ((await join(project.organizerToken, { name: '王老师' })).body.participant as { id: string }).id
    const spoofer = connectClient(server.syncUrl, project.projectId, { token })
    const bareCommittee = connectClient(server.syncUrl, project.projectId, { token: committee.token })
    const watcher = connectClient(server.syncUrl, project.projectId, { token: project.organizerToken })
    await Promise.all([synced(spoofer), synced(bareCommittee), synced(watcher)])

    // Both also claim to be the organizer's other device (`pid`: one person's devices are listed once).
    const claim = (c: Client, name: string) => c.provider.awareness.setLocalState({
      user: { id: 'device-1', name, color: '#e03131', role: 'organizer', pid: organizerId },
      presence: { typeName: 'instance_presence', userName: name, userId: 'user:device-1', cursor: { x: 1, y: 2, type: 'default', rotation: 0 } },
    })
    claim(spoofer, '组织者')
    claim(bareCommittee, '居委张主任')
    const seen = (c: Client) => watcher.provider.awareness.getStates().get(c.provider.awareness.clientID) as
      { user: Record<string, unknown>; presence: Record<string, unknown> } | undefined
    await waitFor(() => seen(spoofer) !== undefined && seen(bareCommittee) !== undefined, 'both presences arrive')

    expect(seen(spoofer)!.user).toEqual({ id: 'device-1', name: '王阿姨', color: '#e03131', role: 'resident', pid: participantId })
    expect(seen(spoofer)!.presence).toMatchObject({ userName: '王阿姨', cursor: { x: 1, y: 2 } })
    // A bare role link: the server does not know the name, but it does know the role.
    expect(seen(bareCommittee)!.user).toMatchObject({ name: '居委张主任', role: 'committee' })
    // …and no participant: it cannot pass for anyone's second device.
    expect(seen(bareCommittee)!.user).not.toHaveProperty('pid')

    // A newcomer gets the stamped state from the server too.
    const late = connectClient(server.syncUrl, project.projectId, { token: project.organizerToken })
    await synced(late)
    await waitFor(() => late.provider.awareness.getStates().has(spoofer.provider.awareness.clientID), 'newcomer sees the resident')
    const lateSeen = late.provider.awareness.getStates().get(spoofer.provider.awareness.clientID) as { user: { name: string; role: string } }
    expect(lateSeen.user).toMatchObject({ name: '王阿姨', role: 'resident' })
  })

  it('renames a participant: the open connection shows the new name at once; clashes and bare links are refused', async () => {
    const resident = await createLink(server.url, project, 'resident')
    const token = (await join(resident.token, { name: '王阿姨', unit: '3 号楼' })).body.token as string
    await join(resident.token, { name: '李阿姨', unit: '3 号楼' })
    const person = connectClient(server.syncUrl, project.projectId, { token })
    const watcher = connectClient(server.syncUrl, project.projectId, { token: project.organizerToken })
    await Promise.all([synced(person), synced(watcher)])
    const say = (name: string) => person.provider.awareness.setLocalState({ user: { id: 'd', name, color: '#e03131' }, presence: null })
    const shown = () => (watcher.provider.awareness.getStates().get(person.provider.awareness.clientID) as { user?: { name?: string } } | undefined)?.user?.name
    say('随便')
    await waitFor(() => shown() === '王阿姨', 'the joined name is shown')

    const renamed = await api(server.url, 'PATCH', `${base}/participants/me`, { token, body: { name: '王秀英' } })
    expect(renamed.status).toBe(200)
    expect(renamed.body.participant).toMatchObject({ name: '王秀英', unit: '3 号楼', role: 'resident' })
    say('随便 2')
    await waitFor(() => shown() === '王秀英', 'the new name is shown without reconnecting')
    expect((await api(server.url, 'GET', `${base}/dashboard`, { token: project.organizerToken })).body.participants)
      .toEqual(expect.arrayContaining([expect.objectContaining({ name: '王秀英' })]))

    const clash = await api(server.url, 'PATCH', `${base}/participants/me`, { token, body: { name: '李阿姨' } })
    expect(clash).toMatchObject({ status: 409, body: { code: 'name_taken' } })
    const bare = await api(server.url, 'PATCH', `${base}/participants/me`, { token: resident.token, body: { name: '谁' } })
    expect(bare).toMatchObject({ status: 403, body: { code: 'join_first' } })
    const empty = await api(server.url, 'PATCH', `${base}/participants/me`, { token, body: { name: '  ' } })
    expect(empty.status).toBe(400)
  })

  it("closes a personal token's connection and stream when its link is revoked, and refuses it afterwards", async () => {
    const resident = await createLink(server.url, project, 'resident')
    const token = (await join(resident.token, { name: '王阿姨' })).body.token as string
    const r = connectClient(server.syncUrl, project.projectId, { token })
    await synced(r)
    const stream = await openEvents(server.url, project.projectId, token)
    await stream.next('the first state')

    const res = await api(server.url, 'DELETE', `${base}/links/${resident.linkId}`, { token: project.organizerToken })
    expect(res.status).toBe(200)
    await waitFor(() => r.closeCodes.includes(CloseCode.forbidden), 'personal-token connection closed', 2_000)
    expect((await stream.next('the closed event')).event).toBe('closed')
    await waitFor(() => stream.ended, 'the stream ends', 2_000)
    expect(await upgradeStatus(`${server.syncUrl}/${project.projectId}?token=${token}`)).toBe(403)
    expect(await api(server.url, 'GET', base, { token })).toMatchObject({ status: 403, body: { code: 'link_revoked' } })
    expect(await join(token, { name: '王阿姨' })).toMatchObject({ status: 403 })
  })
})
