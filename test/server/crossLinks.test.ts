/**
 * Issue 19 added two kinds of link beside a project's role links: a public notice's link (公示, in
 * the URL, printed on the notice board) and a town workspace's manager and task force links. A holder
 * of one kind must get nothing with it anywhere else: a notice link is no key to its project or to a
 * workspace, a workspace link is no key to a project's board, notice or task list, and a project's
 * link reaches no workspace and only its own project's notice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CreateWorkspaceResponse } from '../../src/shared/workspaceApi.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { seedProject } from './exportTestKit.js'
import { openRoom, type Room } from './participationTestKit.js'
import { api } from './workflowTestKit.js'

describe('links of one kind open nothing of another', () => {
  let server: TestServer
  let room: Room
  let other: Room
  let ws: CreateWorkspaceResponse
  let noticeToken: string
  let taskId: string

  beforeAll(async () => {
    server = await startTestServer()
    room = (await seedProject(server)).room
    other = await openRoom(server)
    const now = Date.now()
    const opened = await room.call(room.organizer, 'POST', '/notice', { startsAt: now, endsAt: now + 7 * 86_400_000 })
    expect(opened.status, JSON.stringify(opened.body)).toBe(201)
    noticeToken = JSON.stringify(opened.body).match(/\/n\/([A-Za-z0-9_-]{43})/)![1]
    const task = await room.call(room.organizer, 'POST', '/tasks', { title: '安装长椅', description: '', x: 10, y: 10, responsible: '街道', due: '2099-01-01' })
    expect(task.status).toBe(201)
    taskId = task.body.id as string
    const made = await api(server.url, 'POST', '/api/workspaces', { body: { name: '某某镇' } })
    expect(made.status).toBe(201)
    ws = made.body as unknown as CreateWorkspaceResponse
    const attached = await api(server.url, 'POST', `/api/workspaces/${ws.workspaceId}/attach`, {
      token: ws.managerToken, body: { projectId: room.project.projectId, organizerToken: room.project.organizerToken },
    })
    expect(attached.status).toBe(201)
  })
  afterAll(async () => {
    await server.stop()
  })

  it('a notice link opens its notice only: not its project, its task list, another notice or a workspace', async () => {
    expect((await api(server.url, 'GET', `/api/notices/${noticeToken}`)).status).toBe(200)
    for (const [method, path, body] of [
      ['GET', '/participation', undefined],
      ['GET', '/notice', undefined],
      ['POST', '/tasks', { title: 'x', description: '', x: 0, y: 0, responsible: 'x', due: '2099-01-01' }],
      ['POST', `/tasks/${taskId}/status`, { status: 'done' }],
      ['GET', '/export/tasks.csv', undefined],
    ] as const) {
      const res = await room.call(noticeToken, method, path, body)
      expect(res.status, `${method} ${path}`).toBe(401)
    }
    expect((await api(server.url, 'GET', `/api/workspaces/${ws.workspaceId}/overview`, { token: noticeToken })).status).toBe(401)
    // A notice's link with one character changed is no notice.
    const forged = noticeToken.slice(0, -1) + (noticeToken.endsWith('A') ? 'B' : 'A')
    expect((await api(server.url, 'GET', `/api/notices/${forged}`)).status).toBe(404)
  })

  it('a workspace link reads summaries only: no board, notice, task list or project of its own', async () => {
    for (const token of [ws.managerToken, ws.boardToken]) {
      for (const [method, path, body] of [
        ['GET', '/participation', undefined],
        ['GET', '/notice', undefined],
        ['POST', `/notice/x/close`, {}],
        ['PUT', `/tasks/${taskId}/acceptance`, { accepted: true }],
        ['POST', '/tasks', { title: 'x', description: '', x: 0, y: 0, responsible: 'x', due: '2099-01-01' }],
      ] as const) {
        expect((await room.call(token, method, path, body)).status, `${method} ${path}`).toBe(401)
      }
    }
    const overview = await api(server.url, 'GET', `/api/workspaces/${ws.workspaceId}/overview`, { token: ws.boardToken })
    expect(overview.status).toBe(200)
    expect(JSON.stringify(overview.body)).not.toContain(noticeToken)
    expect(JSON.stringify(overview.body)).not.toContain('安装长椅')
  })

  it('a project link reaches no workspace, and only its own project\'s notice and tasks', async () => {
    for (const token of [room.organizer.token, room.committee.token, room.resident.token]) {
      expect((await api(server.url, 'GET', `/api/workspaces/${ws.workspaceId}/overview`, { token })).status).toBe(401)
    }
    // The other project's organizer, on this project's notice and task routes.
    for (const [method, path, body] of [
      ['GET', '/notice', undefined],
      ['POST', `/tasks/${taskId}/status`, { status: 'done' }],
    ] as const) {
      expect((await room.call(other.organizer, method, path, body)).status, `${method} ${path}`).toBe(401)
    }
    // And with its own project id but this project's task: unknown there.
    await other.moveTo('agreed')
    await other.moveTo('implement')
    expect((await other.call(other.organizer, 'POST', `/tasks/${taskId}/status`, { status: 'done' })).status).toBe(404)
  })
})
