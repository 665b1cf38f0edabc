import * as Y from 'yjs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { connectClient, destroyAllClients, storedDoc, synced, waitFor } from './syncTestKit.js'
import { api, createLink, createProject, moveStage, type TestProject } from './workflowTestKit.js'

describe('projects API', () => {
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

  it('creates a project with its board and an organizer link', async () => {
    const res = await api(server.url, 'POST', '/api/projects', { body: { name: '花园', site: '南门', area: '学林苑', brief: '' } })
    expect(res.status).toBe(201)
    const { projectId, organizerToken, organizerLink } = res.body as Record<string, string>
    expect(organizerLink).toBe(`/join/${projectId}#${organizerToken}`)
    expect(Buffer.from(organizerToken, 'base64url')).toHaveLength(32)
    expect(await server.running.storage.getBoard(projectId)).toMatchObject({ id: projectId, name: '花园' })

    const state = await api(server.url, 'GET', `/api/projects/${projectId}`, { token: organizerToken })
    expect(state.status).toBe(200)
    expect(state.body).toMatchObject({ stage: 'organize', role: 'organizer', moves: [], project: { name: '花园', site: '南门', area: '学林苑' } })
  })

  it('refuses a project without the fields it asks for', async () => {
    const res = await api(server.url, 'POST', '/api/projects', { body: { name: '花园' } })
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('invalid_site')
  })

  it('makes role links, lists the live ones without tokens, and revokes them', async () => {
    const resident = await createLink(server.url, project, 'resident', { label: '3 号楼', expiresInHours: 48 })
    const state = await api(server.url, 'GET', `/api/projects/${project.projectId}`, { token: resident.token })
    expect(state.body).toMatchObject({ role: 'resident', stage: 'organize' })

    const listed = await api(server.url, 'GET', `/api/projects/${project.projectId}/links`, { token: project.organizerToken })
    expect(listed.status).toBe(200)
    const links = listed.body.links as Array<Record<string, unknown>>
    expect(links.map((l) => l.role).sort()).toEqual(['organizer', 'resident'])
    expect(JSON.stringify(listed.body)).not.toContain(resident.token)

    const revoked = await api(server.url, 'DELETE', `/api/projects/${project.projectId}/links/${resident.linkId}`, { token: project.organizerToken })
    expect(revoked.status).toBe(200)
    const after = await api(server.url, 'GET', `/api/projects/${project.projectId}`, { token: resident.token })
    expect(after).toMatchObject({ status: 403, body: { code: 'link_revoked' } })
    const relisted = await api(server.url, 'GET', `/api/projects/${project.projectId}/links`, { token: project.organizerToken })
    expect((relisted.body.links as unknown[]).length).toBe(1)
  })

  it('answers 401, 403, 404 and 400 with a JSON error', async () => {
    const path = `/api/projects/${project.projectId}`
    expect(await api(server.url, 'GET', path)).toMatchObject({ status: 401, body: { code: 'unauthorized' } })
    expect(await api(server.url, 'GET', path, { token: 'x'.repeat(43) })).toMatchObject({ status: 401, body: { code: 'invalid_token' } })
    const other = await createProject(server.url)
    expect(await api(server.url, 'GET', path, { token: other.organizerToken })).toMatchObject({ status: 401 })
    const resident = await createLink(server.url, project, 'resident')
    expect(await api(server.url, 'POST', `${path}/links`, { token: resident.token, body: { role: 'organizer' } }))
      .toMatchObject({ status: 403, body: { code: 'not_allowed' } })
    expect(await api(server.url, 'POST', `${path}/stage`, { token: resident.token, body: { from: 'organize', to: 'needs' } }))
      .toMatchObject({ status: 403 })
    expect(await api(server.url, 'POST', `${path}/links`, { token: project.organizerToken, body: { role: 'mayor' } }))
      .toMatchObject({ status: 400, body: { code: 'invalid_role' } })
    expect(await api(server.url, 'GET', '/api/projects/AAAAAAAAAAAAAAAAAAAAAA', { token: project.organizerToken }))
      .toMatchObject({ status: 404, body: { code: 'project_not_found' } })
    expect(await api(server.url, 'DELETE', `${path}/links/nolinkhere`, { token: project.organizerToken }))
      .toMatchObject({ status: 404, body: { code: 'link_not_found' } })
  })

  it('refuses an expired link', async () => {
    const shortLived = await createLink(server.url, project, 'expert', { expiresInHours: 0.0000003 })
    await new Promise((r) => setTimeout(r, 20))
    expect(await api(server.url, 'GET', `/api/projects/${project.projectId}`, { token: shortLived.token }))
      .toMatchObject({ status: 403, body: { code: 'link_expired' } })
  })

  it('moves one stage at a time, 409 when the stage is not the one the caller saw', async () => {
    expect(await moveStage(server.url, project, 'needs', 'siteVisit')).toMatchObject({ status: 409, body: { code: 'stage_conflict' } })
    expect(await moveStage(server.url, project, 'organize', 'negotiate')).toMatchObject({ status: 400, body: { code: 'invalid_stage_move' } })
    expect(await moveStage(server.url, project, 'organize', 'someday')).toMatchObject({ status: 400, body: { code: 'invalid_stage' } })
    expect(await moveStage(server.url, project, 'organize', 'needs')).toMatchObject({ status: 200, body: { stage: 'needs' } })
    expect(await moveStage(server.url, project, 'organize', 'needs')).toMatchObject({ status: 409 })
    expect(await moveStage(server.url, project, 'needs', 'organize')).toMatchObject({ status: 200, body: { stage: 'organize' } })
  })

  it('records every move with who, when, from, to and the board as it stood', async () => {
    const organizer = connectClient(server.syncUrl, project.projectId, { token: project.organizerToken })
    await synced(organizer)
    const stored = async (v: string) => (await storedDoc(server.running.storage, project.projectId)).doc.getMap('test').get('plan') === v
    organizer.map.set('plan', 'v1')
    await waitFor(() => stored('v1'), 'v1 stored')
    const first = await api(server.url, 'POST', `/api/projects/${project.projectId}/stage`, {
      token: project.organizerToken, body: { from: 'organize', to: 'needs', byName: '王老师' },
    })
    expect(first.status).toBe(200)
    organizer.map.set('plan', 'v2')
    await waitFor(() => stored('v2'), 'v2 stored')
    const second = await moveStage(server.url, project, 'needs', 'siteVisit')
    expect(second.status).toBe(200)

    const state = await api(server.url, 'GET', `/api/projects/${project.projectId}`, { token: project.organizerToken })
    const moves = state.body.moves as Array<Record<string, unknown>>
    expect(moves.map((m) => [m.from, m.to, m.byName])).toEqual([['organize', 'needs', '王老师'], ['needs', 'siteVisit', 'organizer']])
    for (const m of moves) expect(typeof m.at).toBe('number')
    expect(state.body.stage).toBe('siteVisit')

    const planAt = async (moveId: unknown) => {
      const snapshot = await fetch(`${server.url}/api/projects/${project.projectId}/moves/${String(moveId)}/snapshot`, {
        headers: { Authorization: `Bearer ${project.organizerToken}` },
      })
      expect(snapshot.headers.get('content-type')).toBe('application/octet-stream')
      const doc = new Y.Doc()
      Y.applyUpdate(doc, new Uint8Array(await snapshot.arrayBuffer()))
      return doc.getMap('test').get('plan')
    }
    expect(await planAt(moves[0].id)).toBe('v1')
    expect(await planAt(moves[1].id)).toBe('v2')
    expect((await fetch(`${server.url}/api/projects/${project.projectId}/moves/${String(moves[0].id)}/snapshot`)).status).toBe(401)
  })
})
