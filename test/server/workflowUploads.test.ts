import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { createBoardViaApi, IMAGES } from './httpTestKit.js'
import { api, createLink, createProject, moveStage, uploadAsset, type TestProject } from './workflowTestKit.js'

describe('image uploads to a project board', () => {
  let server: TestServer
  let project: TestProject

  beforeEach(async () => {
    server = await startTestServer()
    project = await createProject(server.url)
  })

  afterEach(async () => {
    await server.stop()
  })

  const upload = (token?: string) => uploadAsset(server.url, project.projectId, IMAGES.png, token)

  it('needs a link token, answering 401 without one or with a wrong one', async () => {
    expect(await upload()).toMatchObject({ status: 401, body: { code: 'unauthorized' } })
    expect(await upload('x'.repeat(43))).toMatchObject({ status: 401, body: { code: 'invalid_token' } })
    const other = await createProject(server.url)
    expect(await upload(other.organizerToken)).toMatchObject({ status: 401, body: { code: 'invalid_token' } })
  })

  it('takes images from a role that may draw now, and from the organizer in every stage', async () => {
    const resident = await createLink(server.url, project, 'resident')
    const expert = await createLink(server.url, project, 'expert')
    const committee = await createLink(server.url, project, 'committee')

    const refused = await upload(resident.token)
    expect(refused).toMatchObject({ status: 403, body: { code: 'not_allowed' } })
    expect(refused.body.error).toMatch(/resident.*organize/)
    expect(await upload(committee.token)).toMatchObject({ status: 403 })
    expect((await upload(expert.token)).status).toBe(201)
    expect((await upload(project.organizerToken)).status).toBe(201)

    await moveStage(server.url, project, 'organize', 'needs')
    const accepted = await upload(resident.token)
    expect(accepted.status).toBe(201)
    expect(accepted.body.src).toMatch(new RegExp(`^/api/boards/${project.projectId}/assets/[a-f0-9]{64}\\.png$`))

    for (const [from, to] of [['needs', 'siteVisit'], ['siteVisit', 'negotiate'], ['negotiate', 'agreed']]) {
      await moveStage(server.url, project, from, to)
    }
    expect(await upload(expert.token)).toMatchObject({ status: 403, body: { code: 'not_allowed' } })
    expect((await upload(project.organizerToken)).status).toBe(201)
  })

  it('refuses a revoked link with 403', async () => {
    const expert = await createLink(server.url, project, 'expert')
    await api(server.url, 'DELETE', `/api/projects/${project.projectId}/links/${expert.linkId}`, { token: project.organizerToken })
    expect(await upload(expert.token)).toMatchObject({ status: 403, body: { code: 'link_revoked' } })
  })

  it('serves a stored image without a token, and leaves plain boards open as before', async () => {
    const { src } = (await upload(project.organizerToken)).body as { src: string }
    const image = await fetch(server.url + src)
    expect(image.status).toBe(200)
    expect(Buffer.from(await image.arrayBuffer())).toEqual(IMAGES.png)

    const board = await createBoardViaApi(server.url)
    const plain = await uploadAsset(server.url, board.id, IMAGES.png)
    expect(plain.status).toBe(201)
    const plainImage = await fetch(server.url + (plain.body.src as string))
    expect(plainImage.status).toBe(200)
    await plainImage.arrayBuffer()
  })
})
