import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { IMAGES } from './httpTestKit.js'
import { waitFor } from './syncTestKit.js'
import {
  api, closeAllStreams, createLink, createProject, moveStage, openEvents, uploadAsset, type TestProject,
} from './workflowTestKit.js'

describe('the project event stream', () => {
  let server: TestServer
  let project: TestProject

  beforeEach(async () => {
    server = await startTestServer({ eventPingIntervalMs: 100 })
    project = await createProject(server.url)
  })

  afterEach(async () => {
    closeAllStreams()
    await server.stop()
  })

  it("opens with this link's project state, as an uncached, unbuffered event stream", async () => {
    const resident = await createLink(server.url, project, 'resident')
    const stream = await openEvents(server.url, project.projectId, resident.token)
    expect(stream.status).toBe(200)
    expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8')
    expect(stream.headers['cache-control']).toContain('no-cache')
    expect(stream.headers['x-accel-buffering']).toBe('no')
    const first = await stream.next('the first state')
    expect(first.event).toBe('state')
    const expected = await api(server.url, 'GET', `/api/projects/${project.projectId}`, { token: resident.token })
    expect(first.data).toEqual(expected.body)
    expect(first.data).toMatchObject({ role: 'resident', linkId: resident.linkId, stage: 'organize' })
    await waitFor(() => stream.comments.includes('ping'), 'a keep-alive ping')
    expect(stream.ended).toBe(false)
  })

  it('refuses a missing, wrong, revoked or foreign token with a JSON error before the stream opens', async () => {
    const id = project.projectId
    expect(await openEvents(server.url, id)).toMatchObject({ status: 401, body: { code: 'unauthorized' } })
    expect(await openEvents(server.url, id, 'x'.repeat(43))).toMatchObject({ status: 401, body: { code: 'invalid_token' } })
    const other = await createProject(server.url)
    expect(await openEvents(server.url, id, other.organizerToken)).toMatchObject({ status: 401, body: { code: 'invalid_token' } })
    const resident = await createLink(server.url, project, 'resident')
    await api(server.url, 'DELETE', `/api/projects/${id}/links/${resident.linkId}`, { token: project.organizerToken })
    const revoked = await openEvents(server.url, id, resident.token)
    expect(revoked).toMatchObject({ status: 403, body: { code: 'link_revoked' } })
    expect(revoked.headers['content-type']).toContain('application/json')
    expect(typeof revoked.body.error).toBe('string')
    expect(await openEvents(server.url, 'AAAAAAAAAAAAAAAAAAAAAA', project.organizerToken)).toMatchObject({ status: 404, body: { code: 'project_not_found' } })
    expect(await openEvents(server.url, 'bad!', project.organizerToken)).toMatchObject({ status: 400 })
  })

  it('pushes the new state to every stream of the project after a stage move, a scale and a base plan', async () => {
    const resident = await createLink(server.url, project, 'resident')
    const organizerStream = await openEvents(server.url, project.projectId, project.organizerToken)
    const residentStream = await openEvents(server.url, project.projectId, resident.token)
    const elsewhere = await createProject(server.url)
    const otherStream = await openEvents(server.url, elsewhere.projectId, elsewhere.organizerToken)
    for (const s of [organizerStream, residentStream, otherStream]) await s.next('the first state')

    expect((await moveStage(server.url, project, 'organize', 'needs')).status).toBe(200)
    for (const [s, role] of [[organizerStream, 'organizer'], [residentStream, 'resident']] as const) {
      const moved = await s.next('state after the move')
      expect(moved.event).toBe('state')
      expect(moved.data).toMatchObject({ stage: 'needs', role, moves: [{ from: 'organize', to: 'needs' }] })
    }

    expect((await api(server.url, 'PUT', `/api/projects/${project.projectId}/scale`, {
      token: project.organizerToken, body: { metresPerUnit: 0.02 },
    })).status).toBe(200)
    expect((await residentStream.next('state after the scale')).data).toMatchObject({ project: { scale: { metresPerUnit: 0.02 } } })

    const src = (await uploadAsset(server.url, project.projectId, IMAGES.png, project.organizerToken)).body.src as string
    expect((await api(server.url, 'PUT', `/api/projects/${project.projectId}/base-plan`, {
      token: project.organizerToken, body: { src, width: 800, height: 600, mimeType: 'image/png' },
    })).status).toBe(200)
    expect((await residentStream.next('state after the base plan')).data)
      .toMatchObject({ stage: 'needs', project: { basePlan: { src, width: 800, height: 600 }, scale: { metresPerUnit: 0.02 } } })

    // The other project's stream heard nothing of this.
    expect(otherStream.events.map((e) => e.event)).toEqual(['state'])
  })

  it("tells a revoked link's stream why and ends it, leaving the other streams open", async () => {
    const resident = await createLink(server.url, project, 'resident')
    const residentStream = await openEvents(server.url, project.projectId, resident.token)
    const organizerStream = await openEvents(server.url, project.projectId, project.organizerToken)
    await residentStream.next('the first state')
    await organizerStream.next('the first state')

    await api(server.url, 'DELETE', `/api/projects/${project.projectId}/links/${resident.linkId}`, { token: project.organizerToken })
    const closed = await residentStream.next('the closed event')
    expect(closed).toEqual({ event: 'closed', data: { code: 'link_revoked', message: expect.any(String) } })
    await waitFor(() => residentStream.ended, 'the revoked stream ends', 2_000)
    expect(organizerStream.ended).toBe(false)

    // The stream is gone on the server too: the next change reaches the organizer only.
    await moveStage(server.url, project, 'organize', 'needs')
    expect((await organizerStream.next('state after the move')).data).toMatchObject({ stage: 'needs' })
    expect(residentStream.events.map((e) => e.event)).toEqual(['state', 'closed'])
  })

  it('closes the stream of a link that expires while it is open', async () => {
    const shortLived = await createLink(server.url, project, 'expert', { expiresInHours: 1.5 / 3600 })
    const stream = await openEvents(server.url, project.projectId, shortLived.token)
    expect((await stream.next('the first state')).event).toBe('state')
    const closed = await stream.next('the closed event after expiry')
    expect(closed).toEqual({ event: 'closed', data: { code: 'link_expired', message: expect.any(String) } })
    await waitFor(() => stream.ended, 'the expired stream ends', 2_000)
  })

  it('ends open streams when the server closes, without holding the close up', async () => {
    const stream = await openEvents(server.url, project.projectId, project.organizerToken)
    await stream.next('the first state')
    await server.stop()
    await waitFor(() => stream.ended, 'the stream ends')
    // Ended by the server, not cut off by close()'s last-resort timeout.
    expect(stream.endedCleanly).toBe(true)
    // A restart is not the link's end: no `closed` event, so the browser reconnects.
    expect(stream.events.map((e) => e.event)).toEqual(['state'])
  })
})
