/**
 * The town's workspace over raw HTTP: its two links, the overview's counts and filters' inputs, the
 * weekly check-in and its spreadsheet, the needs and resources lists with matches (and in the
 * project's archive) — and every way a hostile link holder might try to get past it.
 */
import { unzipSync } from 'fflate'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type {
  CreateWorkspaceResponse, ListEntry, ProjectSummary, WeeklyChanges, WorkspaceLists, WorkspaceOverview,
} from '../../src/shared/workspaceApi.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { parseCsv } from './exportTestKit.js'
import { addNeed, addOption, openRoom, type Room } from './participationTestKit.js'
import { api, createProject, type ApiAnswer } from './workflowTestKit.js'

describe('town workspace', () => {
  let server: TestServer
  let ws: CreateWorkspaceResponse
  let room: Room

  const call = (token: string | undefined, method: string, path: string, body?: unknown): Promise<ApiAnswer> =>
    api(server.url, method, path, { token, body })
  const wsPath = (rest = '', id = ws.workspaceId) => `/api/workspaces/${id}${rest}`
  const overview = async (token = ws.boardToken): Promise<ProjectSummary[]> => {
    const res = await call(token, 'GET', wsPath('/overview'))
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    return (res.body as unknown as WorkspaceOverview).projects
  }
  const attachRoom = async () => {
    const res = await call(ws.managerToken, 'POST', wsPath('/attach'), { projectId: room.project.projectId, organizerToken: room.project.organizerToken })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
  }
  const addResource = async (name: string, extra: Record<string, unknown> = {}): Promise<ListEntry> => {
    const res = await call(ws.managerToken, 'POST', wsPath('/lists'), { side: 'resource', kind: 'funds', name, amount: '5 万元', contact: '镇城建办 张科长', community: '学林苑', ...extra })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return res.body as unknown as ListEntry
  }

  beforeEach(async () => {
    server = await startTestServer()
    const res = await call(undefined, 'POST', '/api/workspaces', { name: '某某镇 老旧小区改造专班' })
    expect(res.status).toBe(201)
    ws = res.body as unknown as CreateWorkspaceResponse
    room = await openRoom(server)
  })

  afterEach(async () => {
    await server.stop()
  })

  it('makes a workspace with a manager link and a read-only task force link, each in the fragment', async () => {
    expect(ws.managerLink).toBe(`/w/${ws.workspaceId}#${ws.managerToken}`)
    expect(ws.boardLink).toBe(`/w/${ws.workspaceId}#${ws.boardToken}`)
    expect((await call(ws.managerToken, 'GET', wsPath())).body).toMatchObject({ role: 'manager', workspace: { name: '某某镇 老旧小区改造专班', overdueDays: 21 } })
    expect((await call(ws.boardToken, 'GET', wsPath())).body).toMatchObject({ role: 'board' })
    expect((await call(undefined, 'POST', '/api/workspaces', { name: '  ' })).body).toMatchObject({ code: 'invalid_name' })
  })

  it('shows every project with its stage, days in stage, needs, participants and open revisions — counts only', async () => {
    await attachRoom()
    const made = await call(ws.managerToken, 'POST', wsPath('/projects'), { name: '桂花园 车棚改造', site: '3 号楼北', area: '桂花园' })
    expect(made.status).toBe(201)
    await room.moveTo('needs')
    const a = await addNeed(room, room.resident, '想要有靠背的长椅')
    await addNeed(room, room.committee, '晚上太黑，需要路灯')
    await room.moveTo('siteVisit')
    const option = await addOption(room, '方案 A', [a])
    expect((await room.call(room.resident, 'POST', `/options/${option}/revisions`, { text: '长椅请放在树荫下' })).status).toBe(201)

    const projects = await overview()
    expect(projects.map((p) => p.name)).toEqual(['学林苑中心花园改造', '桂花园 车棚改造'])
    const [xl, gh] = projects
    expect(xl).toMatchObject({
      stage: 'siteVisit', daysInStage: 0, needsRaised: 2, needsAddressed: 1, needsMatched: 0, openRevisions: 1,
      participants: { organizer: 1, expert: 1, committee: 1, resident: 1 }, tasks: { done: 0, late: 0 }, overdue: false,
    })
    expect(gh).toMatchObject({ stage: 'organize', needsRaised: 0, participants: { organizer: 0, resident: 0 } })
    // Security: no resident's name and no need's words in the overview.
    const raw = JSON.stringify(await call(ws.boardToken, 'GET', wsPath('/overview')))
    for (const secret of ['王阿姨', '刘主任', '陈设计师', '长椅', '路灯']) expect(raw).not.toContain(secret)
  })

  it('counts the tasks of a project done and late in the overview, and the tasks done since a date in the weekly check-in', async () => {
    await attachRoom()
    await room.moveTo('agreed')
    const task = { description: '', x: 100, y: 100, responsible: '街道城建科', due: '2099-05-01' }
    const ids: string[] = []
    for (const title of ['安装长椅', '铺设步道', '更换路灯']) {
      const made = await room.call(room.organizer, 'POST', '/tasks', { ...task, title })
      expect(made.status, JSON.stringify(made.body)).toBe(201)
      ids.push(made.body.id as string)
    }
    await room.moveTo('implement')
    const since = Date.now() - 1000
    const status = (id: string, body: Record<string, unknown>) => room.call(room.organizer, 'POST', `/tasks/${id}/status`, body)
    expect((await status(ids[0], { status: 'done' })).status).toBe(200)
    expect((await status(ids[1], { status: 'delayed', reason: '雨季停工' })).status).toBe(200)
    expect(await overview()).toMatchObject([{ stage: 'implement', tasks: { done: 1, late: 1 }, overdue: true }])
    expect((await call(ws.boardToken, 'GET', wsPath(`/weekly?since=${since}`))).body).toMatchObject({ projects: [{ tasksDone: 1 }] })
    expect((await call(ws.boardToken, 'GET', wsPath(`/weekly?since=${Date.now()}`))).body).toMatchObject({ projects: [{ tasksDone: 0 }] })
  })

  it('marks a project overdue past the threshold the manager sets', async () => {
    await attachRoom()
    expect((await call(ws.managerToken, 'PATCH', wsPath(), { overdueDays: 0 })).body).toMatchObject({ code: 'invalid_overdueDays' })
    expect((await call(ws.boardToken, 'PATCH', wsPath(), { overdueDays: 1 })).body).toMatchObject({ code: 'not_allowed' })
    expect((await call(ws.managerToken, 'PATCH', wsPath(), { overdueDays: 1 })).status).toBe(200)
    expect((await overview())[0].overdue).toBe(false)
    // Stage moves are the record of when a stage began: backdate the project's by two days.
    const db = (server.running.storage as unknown as { database: import('better-sqlite3').Database }).database
    db.prepare('UPDATE projects SET created_at = created_at - ? WHERE id = ?').run(2 * 86_400_000, room.project.projectId)
    expect(await overview()).toMatchObject([{ daysInStage: 2, overdue: true }])
  })

  it('lists what changed since a date, and downloads it as a spreadsheet Excel opens in Chinese', async () => {
    await attachRoom()
    const before = Date.now() - 1000
    await room.moveTo('needs')
    await addNeed(room, room.resident, '想要有靠背的长椅')
    const res = await call(ws.boardToken, 'GET', wsPath(`/weekly?since=${before}`))
    expect(res.status).toBe(200)
    const weekly = res.body as unknown as WeeklyChanges
    expect(weekly.projects[0]).toMatchObject({ stageMoves: [{ from: 'organize', to: 'needs' }], newNeeds: 1, active: true })
    const later = await call(ws.boardToken, 'GET', wsPath(`/weekly?since=${Date.now()}`))
    expect(later.body).toMatchObject({ projects: [{ stageMoves: [], newNeeds: 0 }] })
    for (const bad of ['abc', '-1', String(Date.now() + 86_400_000), '1000']) {
      expect((await call(ws.boardToken, 'GET', wsPath(`/weekly?since=${bad}`))).body).toMatchObject({ code: 'invalid_since' })
    }

    const csv = await fetch(`${server.url}${wsPath(`/export/weekly.csv?since=${before}`)}`, { headers: { authorization: `Bearer ${ws.boardToken}` } })
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(csv.headers.get('content-disposition')).toContain('attachment')
    const bytes = new Uint8Array(await csv.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const { rows } = parseCsv(new TextDecoder().decode(bytes))
    expect(rows[0][0]).toBe('项目')
    expect(rows[1].slice(0, 4)).toEqual(['学林苑中心花园改造', '收集需求', expect.stringContaining('→ 收集需求'), '1'])
    const overviewCsv = await fetch(`${server.url}${wsPath('/export/overview.csv?lang=en')}`, { headers: { authorization: `Bearer ${ws.boardToken}` } })
    expect((await overviewCsv.text()).split('\r\n')[0]).toContain('Needs raised')
  })

  it('keeps needs and resources lists; an organizer matches a need to a resource, from either side', async () => {
    await attachRoom()
    const funds = await addResource('社区微更新资金')
    const space = await addResource('党群服务中心活动室', { kind: 'space', amount: '' })
    const need = await call(ws.managerToken, 'POST', wsPath('/lists'), { side: 'need', name: '加装电梯', community: '桂花园' })
    expect(need.status).toBe(201)
    expect((await call(ws.managerToken, 'POST', wsPath('/lists'), { side: 'resource', kind: 'gold', name: 'x' })).body).toMatchObject({ code: 'invalid_kind' })
    expect((await call(ws.managerToken, 'POST', wsPath('/lists'), { side: 'need', kind: 'funds', name: 'x' })).body).toMatchObject({ code: 'invalid_kind' })
    expect((await call(ws.managerToken, 'POST', wsPath('/lists'), { side: 'offer', name: 'x' })).body).toMatchObject({ code: 'invalid_side' })
    expect((await call(ws.boardToken, 'POST', wsPath('/lists'), { side: 'need', name: 'x' })).body).toMatchObject({ code: 'not_allowed' })

    await room.moveTo('needs')
    const bench = await addNeed(room, room.resident, '想要有靠背的长椅')
    const light = await addNeed(room, room.resident, '晚上太黑，需要路灯')
    // From the project side, with its organizer link…
    expect((await room.call(room.project.organizerToken, 'POST', `/needs/${bench}/resources`, { resourceId: funds.id })).status).toBe(201)
    // …and from the workspace side, with both links.
    const both = await call(ws.managerToken, 'POST', wsPath('/matches'), {
      projectId: room.project.projectId, organizerToken: room.project.organizerToken, needId: light, resourceId: space.id,
    })
    expect(both.status, JSON.stringify(both.body)).toBe(201)
    // A need of the list is not a resource to match to.
    expect((await room.call(room.project.organizerToken, 'POST', `/needs/${light}/resources`, { resourceId: (need.body as { id: string }).id })).body)
      .toMatchObject({ code: 'resource_not_found' })

    const lists = (await call(ws.boardToken, 'GET', wsPath('/lists'))).body as unknown as WorkspaceLists
    expect(lists.entries.map((e) => e.name)).toEqual(['社区微更新资金', '党群服务中心活动室', '加装电梯'])
    expect(lists.matches.map((m) => [m.resourceId, m.needText, m.projectName])).toEqual([
      [funds.id, '想要有靠背的长椅', '学林苑中心花园改造'], [space.id, '晚上太黑，需要路灯', '学林苑中心花园改造'],
    ])
    expect(await overview()).toMatchObject([{ needsMatched: 2 }])
    const side = await room.call(room.project.organizerToken, 'GET', '/workspace')
    expect(side.body).toMatchObject({ workspace: { name: '某某镇 老旧小区改造专班' }, matches: [{ needId: bench, resourceId: funds.id }, { needId: light }] })

    // The archive carries the matched resource's name on the need.
    const zip = await fetch(`${server.url}/api/projects/${room.project.projectId}/export/archive`, { headers: { authorization: `Bearer ${room.project.organizerToken}` } })
    expect(zip.status).toBe(200)
    const project = JSON.parse(new TextDecoder().decode(unzipSync(new Uint8Array(await zip.arrayBuffer()))['project.json'])) as
      { workspace: { name: string; needResources: { needId: string; resource: string }[] } }
    expect(project.workspace.needResources).toEqual([
      expect.objectContaining({ needId: bench, resource: '社区微更新资金' }), expect.objectContaining({ needId: light, resource: '党群服务中心活动室' }),
    ])

    // Edited as a whole entry, by the manager only.
    const edited = await call(ws.managerToken, 'PATCH', wsPath(`/lists/${funds.id}`), { kind: 'funds', name: '社区微更新资金', amount: '8 万元' })
    expect(edited.body).toMatchObject({ amount: '8 万元', contact: '' })
    expect((await call(ws.boardToken, 'PATCH', wsPath(`/lists/${funds.id}`), { kind: 'funds', name: 'x' })).body).toMatchObject({ code: 'not_allowed' })

    // A removed resource stops counting (kept in the database), an unmatch takes one back.
    expect((await call(ws.managerToken, 'DELETE', wsPath(`/lists/${space.id}`))).status).toBe(200)
    expect((await room.call(room.project.organizerToken, 'DELETE', `/needs/${bench}/resources/${funds.id}`)).status).toBe(200)
    expect(await overview()).toMatchObject([{ needsMatched: 0 }])
    const csv = await fetch(`${server.url}${wsPath('/export/lists.csv')}`, { headers: { authorization: `Bearer ${ws.managerToken}` } })
    expect(await csv.text()).toContain('社区微更新资金')
  })

  describe('hostile link holders', () => {
    it('answers nobody without this workspace’s link, the same whether the workspace exists or not', async () => {
      await attachRoom()
      const other = (await call(undefined, 'POST', '/api/workspaces', { name: '别的镇' })).body as unknown as CreateWorkspaceResponse
      for (const path of ['', '/overview', '/weekly', '/lists', '/export/overview.csv']) {
        expect((await call(undefined, 'GET', wsPath(path))).body, path).toMatchObject({ code: 'unauthorized' })
        // A project's organizer token, a resident's personal token: no workspace link at all.
        expect((await call(room.project.organizerToken, 'GET', wsPath(path))).body).toMatchObject({ code: 'invalid_token' })
        expect((await call(room.resident.token, 'GET', wsPath(path))).body).toMatchObject({ code: 'invalid_token' })
        // Another workspace's own link on this one, and on an id that does not exist: one answer.
        const cross = await call(other.managerToken, 'GET', wsPath(path))
        const none = await call(other.managerToken, 'GET', wsPath(path, 'AAAAAAAAAAAAAAAAAAAAAA'))
        expect([cross.status, cross.body.code]).toEqual([404, 'workspace_not_found'])
        expect([none.status, none.body.code]).toEqual([404, 'workspace_not_found'])
      }
      const traversal = await call(ws.managerToken, 'GET', wsPath('/overview', '..%2F..%2Fprojects'))
      expect([400, 404]).toContain(traversal.status)
    })

    it('gives a workspace link no right inside a project', async () => {
      await attachRoom()
      const base = `/api/projects/${room.project.projectId}`
      for (const token of [ws.managerToken, ws.boardToken]) {
        for (const [method, path] of [['GET', ''], ['GET', '/participation'], ['GET', '/people'], ['GET', '/workspace'], ['GET', '/export/needs.csv'], ['GET', '/export/archive']] as const) {
          const res = await call(token, method, base + path)
          expect(res.status, `${method} ${path}`).toBe(401)
        }
        expect((await call(token, 'POST', `${base}/needs`, { x: 0, y: 0, categoryId: 'seating', text: 'x' })).status).toBe(401)
        expect((await call(token, 'DELETE', `${base}/workspace`)).status).toBe(401)
      }
    })

    it('attaches a project only with its organizer link, and never into a second workspace', async () => {
      const { projectId } = room.project
      const expert = room.expert.linkToken
      for (const [organizerToken, code] of [[undefined, 'invalid_organizerToken'], [expert, 'not_allowed'], [room.resident.token, 'not_allowed'], [ws.managerToken, 'invalid_token']] as const) {
        const res = await call(ws.managerToken, 'POST', wsPath('/attach'), { projectId, organizerToken })
        expect(res.body.code).toBe(code)
      }
      // Someone else's project token for this project id.
      const stranger = await createProject(server.url)
      expect((await call(ws.managerToken, 'POST', wsPath('/attach'), { projectId, organizerToken: stranger.organizerToken })).body).toMatchObject({ code: 'invalid_token' })
      expect((await call(ws.boardToken, 'POST', wsPath('/attach'), { projectId, organizerToken: room.project.organizerToken })).body).toMatchObject({ code: 'not_allowed' })
      expect(await overview()).toEqual([])

      await attachRoom()
      const other = (await call(undefined, 'POST', '/api/workspaces', { name: '别的镇' })).body as unknown as CreateWorkspaceResponse
      const second = await call(other.managerToken, 'POST', `/api/workspaces/${other.workspaceId}/attach`, { projectId, organizerToken: room.project.organizerToken })
      expect(second.body).toMatchObject({ code: 'in_another_workspace' })
      // Detaching is the organizer's: not the workspace's, not another role's.
      expect((await room.call(room.committee, 'DELETE', '/workspace')).body).toMatchObject({ code: 'not_allowed' })
      expect((await room.call(room.organizer, 'DELETE', '/workspace')).status).toBe(200)
      expect(await overview()).toEqual([])
      expect((await call(other.managerToken, 'POST', `/api/workspaces/${other.workspaceId}/attach`, { projectId, organizerToken: room.project.organizerToken })).status).toBe(201)
    })

    it('matches only a need of the organizer’s own project to a resource of its own workspace', async () => {
      await attachRoom()
      const funds = await addResource('社区微更新资金')
      const other = (await call(undefined, 'POST', '/api/workspaces', { name: '别的镇' })).body as unknown as CreateWorkspaceResponse
      const foreign = await call(other.managerToken, 'POST', `/api/workspaces/${other.workspaceId}/lists`, { side: 'resource', kind: 'funds', name: '别处的钱' })
      await room.moveTo('needs')
      const bench = await addNeed(room, room.resident, '想要有靠背的长椅')
      const org = room.project.organizerToken
      expect((await room.call(org, 'POST', `/needs/${bench}/resources`, { resourceId: (foreign.body as { id: string }).id })).body).toMatchObject({ code: 'resource_not_found' })
      expect((await room.call(room.committee, 'POST', `/needs/${bench}/resources`, { resourceId: funds.id })).body).toMatchObject({ code: 'not_allowed' })
      expect((await room.call(org, 'POST', '/needs/AAAAAAAAAAAAAAAAAAAAAA/resources', { resourceId: funds.id })).body).toMatchObject({ code: 'need_not_found' })
      // A need of another project, through this project's organizer link.
      const stranger = await openRoom(server)
      await stranger.moveTo('needs')
      const theirs = await addNeed(stranger, stranger.resident, '别人的需求')
      expect((await room.call(org, 'POST', `/needs/${theirs}/resources`, { resourceId: funds.id })).body).toMatchObject({ code: 'need_not_found' })
      // The workspace side: the manager alone, or with the organizer token of a project outside.
      expect((await call(ws.managerToken, 'POST', wsPath('/matches'), { projectId: room.project.projectId, needId: bench, resourceId: funds.id })).body)
        .toMatchObject({ code: 'invalid_organizerToken' })
      expect((await call(ws.managerToken, 'POST', wsPath('/matches'), {
        projectId: stranger.project.projectId, organizerToken: stranger.project.organizerToken, needId: theirs, resourceId: funds.id,
      })).body).toMatchObject({ code: 'not_in_workspace' })
      expect((await call(other.managerToken, 'POST', `/api/workspaces/${other.workspaceId}/matches`, {
        projectId: room.project.projectId, organizerToken: org, needId: bench, resourceId: funds.id,
      })).body).toMatchObject({ code: 'not_in_workspace' })
      // Another workspace's manager cannot touch this workspace's lists either.
      expect((await call(other.managerToken, 'DELETE', wsPath(`/lists/${funds.id}`))).status).toBe(404)
      expect((await call(ws.managerToken, 'DELETE', `/api/workspaces/${ws.workspaceId}/lists/${(foreign.body as { id: string }).id}`)).body).toMatchObject({ code: 'resource_not_found' })
      expect((await call(ws.boardToken, 'GET', wsPath('/lists'))).body).toMatchObject({ matches: [] })

      // A need hidden by a moderator: not matchable, and a match made before leaves the lists.
      expect((await room.call(org, 'POST', `/needs/${bench}/resources`, { resourceId: funds.id })).status).toBe(201)
      expect((await call(ws.boardToken, 'GET', wsPath('/lists'))).body).toMatchObject({ matches: [{ needText: '想要有靠背的长椅' }] })
      expect((await room.call(room.committee, 'POST', '/moderation/hide', { target: { kind: 'need', id: bench }, reason: 'personal' })).status).toBe(200)
      expect((await call(ws.boardToken, 'GET', wsPath('/lists'))).body).toMatchObject({ matches: [] })
      expect(JSON.stringify((await call(ws.boardToken, 'GET', wsPath('/lists'))).body)).not.toContain('长椅')
      expect((await room.call(org, 'POST', `/needs/${bench}/resources`, { resourceId: funds.id })).body).toMatchObject({ code: 'need_not_found' })
    })

    it('lets only the project’s organizer read its workspace’s resources; every link of the project sees what its visible needs were matched to', async () => {
      await attachRoom()
      const funds = await addResource('某某公益基金会', { contact: '李主任 13800000000', description: '内部说明' })
      await room.moveTo('needs')
      const bench = await addNeed(room, room.resident, '想要有靠背的长椅')
      const light = await addNeed(room, room.committee, '晚上太黑，需要路灯')
      const org = room.project.organizerToken
      // The resources list, project side: the organizer (link or personal token) only.
      expect((await room.call(org, 'GET', '/workspace')).body).toMatchObject({ resources: [{ id: funds.id, name: '某某公益基金会' }] })
      expect((await room.call(room.organizer, 'GET', '/workspace')).status).toBe(200)
      for (const who of [room.resident, room.expert, room.committee, room.resident.linkToken, room.committee.linkToken]) {
        const res = await room.call(who, 'GET', '/workspace')
        expect([res.status, res.body.code]).toEqual([403, 'not_allowed'])
        expect(JSON.stringify(res.body)).not.toContain('某某公益基金会')
      }
      // Another project's organizer, on this project and on its own project (in no workspace).
      const stranger = await openRoom(server)
      const theirs = await call(stranger.project.organizerToken, 'GET', `/api/projects/${room.project.projectId}/workspace`)
      expect([theirs.status, theirs.body.code]).toEqual([401, 'invalid_token'])
      expect((await stranger.call(stranger.project.organizerToken, 'GET', '/workspace')).body).toEqual({ workspace: null, resources: [], needs: [], matches: [] })
      expect((await stranger.call(stranger.project.organizerToken, 'GET', '/matched-resources')).body).toEqual({ workspace: null, matches: [] })
      expect((await stranger.call(stranger.project.organizerToken, 'POST', `/needs/${bench}/resources`, { resourceId: funds.id })).body)
        .toMatchObject({ code: 'not_in_workspace' })
      expect((await call(stranger.project.organizerToken, 'GET', `/api/projects/${room.project.projectId}/matched-resources`)).status).toBe(401)
      expect((await call(ws.boardToken, 'GET', `/api/projects/${room.project.projectId}/matched-resources`)).status).toBe(401)
      expect((await call(undefined, 'GET', `/api/projects/${room.project.projectId}/matched-resources`)).status).toBe(401)

      // Matched: every role sees the resource's name and kind on the need, never its contact.
      expect((await room.call(org, 'POST', `/needs/${bench}/resources`, { resourceId: funds.id })).status).toBe(201)
      expect((await room.call(org, 'POST', `/needs/${light}/resources`, { resourceId: funds.id })).status).toBe(201)
      for (const who of [room.resident, room.expert, room.committee, room.resident.linkToken]) {
        const res = await room.call(who, 'GET', '/matched-resources')
        expect(res.body).toEqual({
          workspace: { name: '某某镇 老旧小区改造专班' },
          matches: [{ needId: bench, resourceId: funds.id, name: '某某公益基金会', kind: 'funds' }, { needId: light, resourceId: funds.id, name: '某某公益基金会', kind: 'funds' }],
        })
        expect(JSON.stringify(res.body)).not.toMatch(/13800000000|内部说明/)
      }
      // A hidden need's match is shown to nobody, its moderators included (it counts nowhere).
      expect((await room.call(room.committee, 'POST', '/moderation/hide', { target: { kind: 'need', id: light }, reason: 'personal' })).status).toBe(200)
      for (const who of [room.resident, room.committee, org]) {
        expect(((await room.call(who, 'GET', '/matched-resources')).body.matches as { needId: string }[]).map((m) => m.needId)).toEqual([bench])
      }
      expect(((await room.call(org, 'GET', '/workspace')).body.needs as { id: string }[]).map((n) => n.id)).toEqual([bench])
      // Detached: nothing matched shows any more; the matches are kept should it come back.
      expect((await room.call(org, 'DELETE', '/workspace')).status).toBe(200)
      expect((await room.call(room.resident, 'GET', '/matched-resources')).body).toEqual({ workspace: null, matches: [] })
      expect((await room.call(org, 'DELETE', '/workspace')).body).toMatchObject({ code: 'not_in_workspace' })
    })

    it('counts no need hidden by a moderator, and counts a private period’s needs without a word of them', async () => {
      await attachRoom()
      const funds = await addResource('社区微更新资金')
      await room.moveTo('needs')
      const bench = await addNeed(room, room.resident, '想要有靠背的长椅')
      const phone = await addNeed(room, room.resident, '楼下张三家电话 13800000000')
      await room.moveTo('siteVisit')
      await addOption(room, '方案 A', [bench, phone])
      expect(await overview()).toMatchObject([{ needsRaised: 2, needsAddressed: 2 }])
      const since = Date.now() - 60_000
      // Hidden: counted neither as raised nor as addressed, nor as new this week.
      expect((await room.call(room.committee, 'POST', '/moderation/hide', { target: { kind: 'need', id: phone }, reason: 'personal' })).status).toBe(200)
      expect(await overview()).toMatchObject([{ needsRaised: 1, needsAddressed: 1 }])
      expect((await call(ws.boardToken, 'GET', wsPath(`/weekly?since=${since}`))).body).toMatchObject({ projects: [{ newNeeds: 1 }] })
      // Restored: it counts again.
      expect((await room.call(room.committee, 'POST', '/moderation/restore', { target: { kind: 'need', id: phone } })).status).toBe(200)
      expect(await overview()).toMatchObject([{ needsRaised: 2, needsAddressed: 2 }])
      expect((await call(ws.boardToken, 'GET', wsPath(`/weekly?since=${since}`))).body).toMatchObject({ projects: [{ newNeeds: 2 }] })

      // A private period (各自先想): its needs count, their words go nowhere, and they cannot be matched.
      const back = await openRoom(server)
      const attached = await call(ws.managerToken, 'POST', wsPath('/attach'), { projectId: back.project.projectId, organizerToken: back.project.organizerToken })
      expect(attached.status).toBe(201)
      await back.moveTo('needs')
      expect((await back.call(back.organizer, 'POST', '/private', { leadersSee: 'counts' })).status).toBe(200)
      const secret = await addNeed(back, back.resident, '我家漏水没人管')
      expect((await overview())[1]).toMatchObject({ needsRaised: 1 })
      const side = await back.call(back.project.organizerToken, 'GET', '/workspace')
      expect(JSON.stringify(side.body)).not.toContain('漏水')
      expect((await back.call(back.project.organizerToken, 'POST', `/needs/${secret}/resources`, { resourceId: funds.id })).body)
        .toMatchObject({ code: 'private_period' })
      for (const path of ['/overview', '/weekly', '/lists', '/export/overview.csv', '/export/weekly.csv', '/export/lists.csv']) {
        const res = await fetch(`${server.url}${wsPath(path)}`, { headers: { authorization: `Bearer ${ws.managerToken}` } })
        expect(await res.text(), path).not.toContain('漏水')
      }
    })

    it('withdraws the old task force link when the manager makes a new one', async () => {
      const renewed = await call(ws.managerToken, 'POST', wsPath('/board-link'))
      expect(renewed.status).toBe(201)
      expect((await call(ws.boardToken, 'GET', wsPath('/overview'))).body).toMatchObject({ code: 'link_revoked' })
      expect((await call(renewed.body.boardToken as string, 'GET', wsPath())).body).toMatchObject({ role: 'board' })
      expect((await call(renewed.body.boardToken as string, 'POST', wsPath('/board-link'))).body).toMatchObject({ code: 'not_allowed' })
    })

    it('refuses malformed and oversized input', async () => {
      expect((await call(undefined, 'POST', '/api/workspaces', { name: 'x'.repeat(121) })).body).toMatchObject({ code: 'invalid_name' })
      expect((await call(undefined, 'POST', '/api/workspaces', ['x'])).body).toMatchObject({ code: 'invalid_json' })
      expect((await call(ws.managerToken, 'POST', wsPath('/lists'), { side: 'resource', kind: 'funds', name: 'x', description: 'y'.repeat(1001) })).body)
        .toMatchObject({ code: 'invalid_description' })
      expect((await call(ws.managerToken, 'POST', wsPath('/lists'), { side: 'resource', kind: 'funds', name: 'x', contact: 12 })).body)
        .toMatchObject({ code: 'invalid_contact' })
      expect((await call(ws.managerToken, 'PATCH', wsPath(), { overdueDays: 1.5 })).body).toMatchObject({ code: 'invalid_overdueDays' })
      expect((await call(ws.managerToken, 'POST', wsPath('/attach'), { projectId: '../x', organizerToken: 'y' })).body).toMatchObject({ code: 'invalid_projectId' })
    })
  })
})

describe('a town-sized workspace', () => {
  let server: TestServer

  afterEach(async () => {
    await server.stop()
  })

  it('counts a new workspace and a project made inside one as creations (the project creation limit)', async () => {
    server = await startTestServer({ projectCreateLimitPerMinute: 2 })
    const ws = (await api(server.url, 'POST', '/api/workspaces', { body: { name: '某某镇' } })).body as unknown as CreateWorkspaceResponse
    const make = () => api(server.url, 'POST', `/api/workspaces/${ws.workspaceId}/projects`, { token: ws.managerToken, body: { name: 'x', site: 'y', area: 'z' } })
    expect((await make()).status).toBe(201)
    expect((await make()).body).toMatchObject({ code: 'rate_limited' })
    expect((await api(server.url, 'POST', '/api/workspaces', { body: { name: '又一个镇' } })).body).toMatchObject({ code: 'rate_limited' })
  })

  it('answers the overview and the weekly check-in of 100 projects in one request each', async () => {
    server = await startTestServer({ projectCreateLimitPerMinute: 0, rateLimitPerMinute: 0 })
    const ws = (await api(server.url, 'POST', '/api/workspaces', { body: { name: '某某镇' } })).body as unknown as CreateWorkspaceResponse
    for (let i = 0; i < 100; i++) {
      const res = await api(server.url, 'POST', `/api/workspaces/${ws.workspaceId}/projects`, { token: ws.managerToken, body: { name: `小区 ${i}`, site: 'y', area: 'z' } })
      expect(res.status).toBe(201)
    }
    const overview = await api(server.url, 'GET', `/api/workspaces/${ws.workspaceId}/overview`, { token: ws.boardToken })
    expect((overview.body as unknown as WorkspaceOverview).projects).toHaveLength(100)
    const weekly = await api(server.url, 'GET', `/api/workspaces/${ws.workspaceId}/weekly`, { token: ws.boardToken })
    expect((weekly.body as unknown as WeeklyChanges).projects.map((p) => p.name)).toContain('小区 99')
  })
})
