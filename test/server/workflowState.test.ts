import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ROLES, STAGES } from '../../src/shared/workflow.js'
import { DATABASE_FILE, openSqliteStorage } from '../../server/storage/SqliteStorage.js'
import { hashToken, newToken } from '../../server/workflow/tokens.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { IMAGES } from './httpTestKit.js'
import { api, createLink, createProject, moveStage, uploadAsset, type TestProject } from './workflowTestKit.js'

describe('project state, participants, base plan, scale and dashboard', () => {
  let server: TestServer
  let project: TestProject
  let base: string

  beforeEach(async () => {
    server = await startTestServer()
    project = await createProject(server.url)
    base = `/api/projects/${project.projectId}`
  })

  afterEach(async () => {
    await server.stop()
  })

  const asOrganizer = (method: string, path: string, body?: unknown) => api(server.url, method, base + path, { token: project.organizerToken, body })

  it('answers the project state with the base plan and scale unset, and who is asking', async () => {
    const resident = await createLink(server.url, project, 'resident')
    const state = await api(server.url, 'GET', base, { token: resident.token })
    expect(state.status).toBe(200)
    expect(state.body).toEqual({
      project: {
        id: project.projectId, name: '学林苑中心花园改造', site: '学林苑 3 号楼南侧', area: '学林苑小区',
        brief: '把闲置的中心花园变成老人和孩子都能用的地方', createdAt: expect.any(Number), basePlan: null, scale: null,
      },
      stage: 'organize',
      role: 'resident',
      linkId: resident.linkId,
      participantId: null,
      moves: [],
    })
    const mine = await asOrganizer('GET', '')
    expect(mine.body).toMatchObject({ role: 'organizer', linkId: expect.any(String) })
    expect(mine.body.linkId).not.toBe(resident.linkId)
  })

  it('lets anyone with a live link join, and a shared resident link many times; a taken name is never handed over', async () => {
    const resident = await createLink(server.url, project, 'resident')
    const join = (token: string, body: unknown) => api(server.url, 'POST', `${base}/participants`, { token, body })

    const first = await join(resident.token, { name: '  王阿姨 ', unit: '3 号楼 2 单元' })
    expect(first.status).toBe(201)
    const participant = first.body.participant as Record<string, unknown>
    expect(participant).toEqual({
      id: expect.any(String), linkId: resident.linkId, role: 'resident', name: '王阿姨', unit: '3 号楼 2 单元',
      seq: 1, label: '王阿姨', joinedAt: expect.any(Number),
    })
    // The same name and unit through the bare link again: refused, never the participant made before.
    const again = await join(resident.token, { name: '王阿姨', unit: '3 号楼 2 单元' })
    expect(again).toMatchObject({ status: 409, body: { code: 'name_taken' } })
    expect(again.body.token).toBeUndefined()
    // The device that joined, sending its personal token: its own participant again, not a second one.
    const reload = await join(first.body.token as string, { name: '王阿姨', unit: '3 号楼 2 单元' })
    expect(reload.status).toBe(200)
    expect(reload.body.participant).toEqual(participant)
    // The same QR code scanned by a neighbour: a new participant.
    const neighbour = await join(resident.token, { name: '李大爷', unit: '5 号楼' })
    expect(neighbour.status).toBe(201)
    expect((neighbour.body.participant as Record<string, unknown>).id).not.toBe(participant.id)

    const expert = await createLink(server.url, project, 'expert')
    const e = await join(expert.token, { name: '陈老师', unit: '设计学院' })
    expect(e.status).toBe(201)
    expect(e.body.participant).toMatchObject({ role: 'expert', unit: '' })

    const dashboard = await asOrganizer('GET', '/dashboard')
    expect((dashboard.body.participants as Array<{ name: string }>).map((p) => p.name)).toEqual(['王阿姨', '李大爷', '陈老师'])
  })

  it('refuses a join without a usable name or link', async () => {
    const resident = await createLink(server.url, project, 'resident')
    const join = (body: unknown, token: string | null = resident.token) => api(server.url, 'POST', `${base}/participants`, { token: token ?? undefined, body })
    for (const body of [{}, { name: '   ' }, { name: 42 }, { name: '王'.repeat(41) }, { name: '王\n阿姨' }]) {
      const res = await join(body)
      expect(res, JSON.stringify(body)).toMatchObject({ status: 400, body: { code: 'invalid_name' } })
      expect(typeof res.body.error).toBe('string')
    }
    expect(await join({ name: '王阿姨', unit: '楼'.repeat(41) })).toMatchObject({ status: 400, body: { code: 'invalid_unit' } })
    expect((await join({ name: '王'.repeat(40) })).status).toBe(201)
    expect(await join({ name: '王阿姨' }, null)).toMatchObject({ status: 401, body: { code: 'unauthorized' } })
    await asOrganizer('DELETE', `/links/${resident.linkId}`)
    expect(await join({ name: '王阿姨' })).toMatchObject({ status: 403, body: { code: 'link_revoked' } })
  })

  it('keeps the base plan the organizer placed from an upload to this project, across a restart', async () => {
    const uploaded = await uploadAsset(server.url, project.projectId, IMAGES.png, project.organizerToken)
    expect(uploaded.status).toBe(201)
    const src = uploaded.body.src as string
    const plan = { src, width: 1600, height: 900, mimeType: 'image/png' }

    const res = await asOrganizer('PUT', '/base-plan', plan)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ role: 'organizer', project: { basePlan: plan, scale: null } })
    // mimeType may be left out: the server knows what it stored.
    expect((await asOrganizer('PUT', '/base-plan', { src, width: 1600, height: 900 })).body).toMatchObject({ project: { basePlan: plan } })

    await server.restart()
    const state = await asOrganizer('GET', '')
    expect(state.body).toMatchObject({ project: { basePlan: plan } })
  })

  it('refuses a base plan that is not an image of this project, or has an impossible size', async () => {
    const src = (await uploadAsset(server.url, project.projectId, IMAGES.png, project.organizerToken)).body.src as string
    const other = await createProject(server.url)
    const otherSrc = (await uploadAsset(server.url, other.projectId, IMAGES.jpg, other.organizerToken)).body.src as string
    const good = { src, width: 100, height: 100, mimeType: 'image/png' }
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...good, src: 'https://example.com/plan.png' }, 'invalid_src'],
      [{ ...good, src: otherSrc }, 'invalid_src'],
      [{ ...good, src: src.replace(/[a-f0-9]{64}/, 'a'.repeat(64)) }, 'invalid_src'],
      [{ ...good, src: `${src}/../../x` }, 'invalid_src'],
      [{ ...good, src: undefined }, 'invalid_src'],
      [{ ...good, width: 0 }, 'invalid_width'],
      [{ ...good, width: 12.5 }, 'invalid_width'],
      [{ ...good, height: 20_001 }, 'invalid_height'],
      [{ ...good, height: '900' }, 'invalid_height'],
      [{ ...good, mimeType: 'image/jpeg' }, 'invalid_mimeType'],
    ]
    for (const [body, code] of cases) {
      expect(await asOrganizer('PUT', '/base-plan', body), JSON.stringify(body)).toMatchObject({ status: 400, body: { code } })
    }
    const expert = await createLink(server.url, project, 'expert')
    expect(await api(server.url, 'PUT', `${base}/base-plan`, { token: expert.token, body: good }))
      .toMatchObject({ status: 403, body: { code: 'not_allowed' } })
    expect((await asOrganizer('GET', '')).body).toMatchObject({ project: { basePlan: null } })
  })

  it('keeps the scale the organizer sets, in sane bounds, organizer only', async () => {
    expect(await asOrganizer('PUT', '/scale', { metresPerUnit: 0.05 })).toMatchObject({ status: 200, body: { project: { scale: { metresPerUnit: 0.05 } } } })
    for (const metresPerUnit of [0, -1, 1e-7, 10_001, '0.05', null]) {
      expect(await asOrganizer('PUT', '/scale', { metresPerUnit }), String(metresPerUnit))
        .toMatchObject({ status: 400, body: { code: 'invalid_metresPerUnit' } })
    }
    const committee = await createLink(server.url, project, 'committee')
    expect(await api(server.url, 'PUT', `${base}/scale`, { token: committee.token, body: { metresPerUnit: 1 } }))
      .toMatchObject({ status: 403, body: { code: 'not_allowed' } })
    expect((await asOrganizer('GET', '')).body).toMatchObject({ project: { scale: { metresPerUnit: 0.05, northDegrees: null } } })
    // Which side of the plan is north: one of eight directions or not said; a scale saved without it keeps it.
    expect(await asOrganizer('PUT', '/scale', { metresPerUnit: 0.05, northDegrees: 135 })).toMatchObject({ status: 200, body: { project: { scale: { northDegrees: 135 } } } })
    expect(await asOrganizer('PUT', '/scale', { metresPerUnit: 0.04 })).toMatchObject({ status: 200, body: { project: { scale: { metresPerUnit: 0.04, northDegrees: 135 } } } })
    for (const northDegrees of [30, -45, 360, '90', true]) {
      expect(await asOrganizer('PUT', '/scale', { metresPerUnit: 0.05, northDegrees }), String(northDegrees))
        .toMatchObject({ status: 400, body: { code: 'invalid_northDegrees' } })
    }
    expect(await asOrganizer('PUT', '/scale', { metresPerUnit: 0.05, northDegrees: null })).toMatchObject({ status: 200, body: { project: { scale: { northDegrees: null } } } })
    expect(await api(server.url, 'PUT', `${base}/scale`, { token: committee.token, body: { metresPerUnit: 0.05, northDegrees: 90 } }))
      .toMatchObject({ status: 403, body: { code: 'not_allowed' } })
  })

  it('shows the organizer participants by role and a count row for every stage', async () => {
    const residents = await createLink(server.url, project, 'resident')
    const committee = await createLink(server.url, project, 'committee')
    for (const name of ['王阿姨', '李大爷', '张阿姨']) {
      await api(server.url, 'POST', `${base}/participants`, { token: residents.token, body: { name } })
    }
    await api(server.url, 'POST', `${base}/participants`, { token: committee.token, body: { name: '刘主任' } })
    await moveStage(server.url, project, 'organize', 'needs')

    const res = await asOrganizer('GET', '/dashboard')
    expect(res.status).toBe(200)
    expect(res.body.participantsByRole).toEqual({ organizer: 0, expert: 0, committee: 1, resident: 3 })
    expect(Object.keys(res.body.participantsByRole as object).sort()).toEqual([...ROLES].sort())
    expect(res.body.countsByStage).toEqual(Object.fromEntries(STAGES.map((s) => [s, { needs: 0, comments: 0, votes: 0 }])))
    expect((res.body.participants as unknown[]).length).toBe(4)

    expect(await api(server.url, 'GET', `${base}/dashboard`, { token: committee.token })).toMatchObject({ status: 403, body: { code: 'not_allowed' } })
    expect(await api(server.url, 'GET', `${base}/dashboard`)).toMatchObject({ status: 401 })
  })
})

describe('workflow tables of an older database', () => {
  it('gains the new columns and tables and keeps its projects and links', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-old-'))
    const storage = openSqliteStorage(dataDir)
    // The workflow tables as the first workflow commit made them, with no schema version of their own.
    storage.database.exec(`
      CREATE TABLE projects (id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE, name TEXT NOT NULL, site TEXT NOT NULL,
        area TEXT NOT NULL, brief TEXT NOT NULL, stage TEXT NOT NULL, created_at INTEGER NOT NULL) STRICT;
      CREATE TABLE links (id TEXT PRIMARY KEY, project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE, role TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE, label TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER, revoked_at INTEGER) STRICT;
      CREATE TABLE stage_moves (id TEXT PRIMARY KEY, project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        from_stage TEXT NOT NULL, to_stage TEXT NOT NULL, by_link_id TEXT NOT NULL, by_name TEXT NOT NULL, at INTEGER NOT NULL,
        board_snapshot BLOB NOT NULL) STRICT;
    `)
    const id = 'OldProjectId0000000000'
    const token = newToken()
    await storage.createBoard({ id, name: '旧项目', createdAt: 1 })
    storage.database.prepare("INSERT INTO projects VALUES (?, '旧项目', '南门', '学林苑', '', 'needs', 1)").run(id)
    storage.database.prepare("INSERT INTO links VALUES ('link1', ?, 'organizer', ?, '', 1, NULL, NULL)").run(id, hashToken(token))
    await storage.close()

    const server = await startTestServer({ dataDir })
    try {
      const state = await api(server.url, 'GET', `/api/projects/${id}`, { token })
      expect(state.body).toMatchObject({ stage: 'needs', role: 'organizer', project: { name: '旧项目', basePlan: null, scale: null } })
      expect((await api(server.url, 'PUT', `/api/projects/${id}/scale`, { token, body: { metresPerUnit: 2 } })).status).toBe(200)
      expect((await api(server.url, 'POST', `/api/projects/${id}/participants`, { token, body: { name: '王老师' } })).status).toBe(201)
      await server.restart()
      expect((await api(server.url, 'GET', `/api/projects/${id}`, { token })).body).toMatchObject({ project: { scale: { metresPerUnit: 2 } } })
    } finally {
      await server.stop()
    }
    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true })
    try {
      expect(db.prepare('SELECT version FROM workflow_schema').get()).toEqual({ version: 5 })
    } finally {
      db.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
