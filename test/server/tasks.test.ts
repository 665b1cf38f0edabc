import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Task } from '../../src/shared/tasks.js'
import { DATABASE_FILE } from '../../server/storage/SqliteStorage.js'
import { taskCounts } from '../../server/participation/taskCounts.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { pdfText, postReport, tempDir } from './exportTestKit.js'
import { IMAGES } from './httpTestKit.js'
import { addNeed, openRoom, type Person, type Room } from './participationTestKit.js'
import { api, closeAllStreams, openEvents, uploadAsset } from './workflowTestKit.js'

/** The task list of 实施落实 (docs/api.md "Tasks", docs/permissions.md): who may do what, when, with what input. */
describe('tasks: the task list of the implementation stage', () => {
  let server: TestServer

  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(async () => {
    await server.stop()
  })
  afterEach(() => closeAllStreams())

  const TASK = { title: '树下安装座椅', description: '三张长椅，靠背朝南。', x: 320, y: 180, responsible: '街道城建科 李工', due: '2027-05-01' }
  const tasksOf = async (room: Room, who: Person): Promise<Task[]> => (await room.state(who)).tasks ?? []
  const create = (room: Room, who: Person | string, body: Record<string, unknown> = TASK) => room.call(who, 'POST', '/tasks', body)

  /** A project agreed with one need raised, at `stage`. */
  async function agreedRoom(): Promise<{ room: Room; needId: string }> {
    const room = await openRoom(server)
    await room.moveTo('needs')
    const needId = await addNeed(room, room.resident, '树下想要几张长椅')
    await room.moveTo('agreed')
    return { room, needId }
  }

  it('lets the organizer make a pinned task in 方案定稿 and refuses everyone else and every other stage', async () => {
    const room = await openRoom(server)
    await room.moveTo('negotiate')
    expect(await create(room, room.organizer)).toMatchObject({ status: 403, body: { code: 'wrong_stage' } })
    await room.moveTo('agreed')
    for (const who of [room.resident, room.expert, room.committee, room.resident.linkToken]) {
      expect((await create(room, who)).body.code).toMatch(/^(not_allowed|wrong_stage)$/)
    }
    expect((await api(server.url, 'POST', `${room.base}/tasks`, { body: TASK })).status).toBe(401)
    const made = await create(room, room.organizer)
    expect(made.status).toBe(201)
    const [task] = await tasksOf(room, room.resident)
    expect(task).toMatchObject({ id: made.body.id, ...TASK, status: 'notStarted', history: [], photos: [], accepted: 0, notAccepted: 0, mine: null })
    // Progress belongs to 实施落实 only.
    expect(await room.call(room.organizer, 'POST', `/tasks/${task.id}/status`, { status: 'inProgress' }))
      .toMatchObject({ status: 403, body: { code: 'wrong_stage' } })
  })

  it('refuses bad input: missing or oversized text, bad dates and coordinates, needs of another project', async () => {
    const { room, needId } = await agreedRoom()
    const other = await agreedRoom()
    for (const [body, code] of [
      [{ ...TASK, title: '' }, 'invalid_title'],
      [{ ...TASK, title: '座'.repeat(81) }, 'invalid_title'],
      [{ ...TASK, description: '长'.repeat(1001) }, 'invalid_description'],
      [{ ...TASK, responsible: '   ' }, 'invalid_responsible'],
      [{ ...TASK, responsible: 'a\u0000b' }, 'invalid_responsible'],
      [{ ...TASK, due: '2027-02-30' }, 'invalid_due'],
      [{ ...TASK, due: '5/1/2027' }, 'invalid_due'],
      [{ ...TASK, due: '1999-12-31' }, 'invalid_due'],
      [{ ...TASK, due: 20270501 }, 'invalid_due'],
      [{ ...TASK, x: 'left' }, 'invalid_x'],
      [{ ...TASK, y: 1e12 }, 'invalid_y'],
      [{ ...TASK, needIds: [other.needId] }, 'invalid_needIds'],
      [{ ...TASK, needIds: [needId, needId] }, 'invalid_needIds'],
      [{ ...TASK, needIds: 'all' }, 'invalid_needIds'],
    ] as const) {
      expect(await create(room, room.organizer, body), JSON.stringify(body).slice(0, 80)).toMatchObject({ status: 400, body: { code } })
    }
    const ok = await create(room, room.organizer, { ...TASK, needIds: [needId] })
    expect(ok.status).toBe(201)
    expect((await tasksOf(room, room.organizer))[0].needIds).toEqual([needId])
    // Another project's task id is not found here, for every action on it.
    const foreign = (await create(other.room, other.room.organizer)).body.id as string
    expect(await room.call(room.organizer, 'PATCH', `/tasks/${foreign}`, { title: '偷改' })).toMatchObject({ status: 404, body: { code: 'task_not_found' } })
    expect(await room.call(room.organizer, 'DELETE', `/tasks/${foreign}`)).toMatchObject({ status: 404, body: { code: 'task_not_found' } })
    expect(await room.call(room.organizer, 'PATCH', '/tasks/a.b', { title: 'x' })).toMatchObject({ status: 404 })
    expect((await tasksOf(other.room, other.room.organizer))[0].title).toBe(TASK.title)
  })

  it('records status changes with a history, requires a reason for a delay, and counts residents\' 认可 / 不认可 of finished tasks only', async () => {
    const { room } = await agreedRoom()
    const id = (await create(room, room.organizer)).body.id as string
    await room.moveTo('implement')
    const status = (who: Person | string, body: Record<string, unknown>) => room.call(who, 'POST', `/tasks/${id}/status`, body)
    const accept = (who: Person | string, body: Record<string, unknown>) => room.call(who, 'PUT', `/tasks/${id}/acceptance`, body)

    expect(await status(room.resident, { status: 'done' })).toMatchObject({ status: 403, body: { code: 'not_allowed' } })
    expect(await status(room.organizer, { status: 'finished' })).toMatchObject({ status: 400, body: { code: 'invalid_status' } })
    expect(await status(room.expert, { status: 'delayed' })).toMatchObject({ status: 400, body: { code: 'invalid_reason' } })
    expect(await status(room.expert, { status: 'delayed', reason: '雨季', due: '2027-13-01' })).toMatchObject({ status: 400, body: { code: 'invalid_due' } })
    expect(await status(room.expert, { status: 'delayed', reason: '原'.repeat(501) })).toMatchObject({ status: 400, body: { code: 'invalid_reason' } })
    expect(await status(room.expert, { status: 'notStarted' })).toMatchObject({ status: 409, body: { code: 'status_unchanged' } })

    // Accepting what is not finished is refused, whoever asks.
    expect(await accept(room.resident, { accepted: true })).toMatchObject({ status: 409, body: { code: 'task_not_done' } })
    expect((await status(room.expert, { status: 'inProgress' })).status).toBe(200)
    expect((await status(room.committee, { status: 'delayed', reason: '雨季，水泥干不了', due: '2027-06-15' })).status).toBe(200)
    expect(await accept(room.resident, { accepted: true })).toMatchObject({ status: 409, body: { code: 'task_not_done' } })
    expect((await status(room.organizer, { status: 'done' })).status).toBe(200)

    // The organizer and the expert may not tick; a bare resident link must join first; bad answers are refused.
    expect(await accept(room.organizer, { accepted: true })).toMatchObject({ status: 403, body: { code: 'not_allowed' } })
    expect(await accept(room.expert, { accepted: true })).toMatchObject({ status: 403, body: { code: 'not_allowed' } })
    expect(await accept(room.resident.linkToken, { accepted: true })).toMatchObject({ status: 403, body: { code: 'join_first' } })
    expect(await accept(room.resident, { accepted: 'yes' })).toMatchObject({ status: 400, body: { code: 'invalid_accepted' } })
    expect(await accept(room.resident, { accepted: false, comment: '评'.repeat(501) })).toMatchObject({ status: 400, body: { code: 'invalid_comment' } })

    // One answer per person, changeable.
    expect((await accept(room.resident, { accepted: false, comment: '椅子有点晃' })).status).toBe(200)
    expect((await accept(room.resident, { accepted: true, comment: '修好了，很结实' })).status).toBe(200)
    const neighbour = await room.join(room.resident.linkToken, '李大爷', 'resident')
    expect((await accept(neighbour, { accepted: false, comment: '离垃圾桶太近' })).status).toBe(200)
    expect((await accept(room.committee, { accepted: true })).status).toBe(200)

    const [task] = await tasksOf(room, room.resident)
    expect(task).toMatchObject({ status: 'done', due: '2027-06-15', accepted: 2, notAccepted: 1, mine: { accepted: true, comment: '修好了，很结实' } })
    expect(task.history.map((e) => [e.status, e.reason, e.due, e.by.name])).toEqual([
      ['inProgress', '', null, '陈设计师'], ['delayed', '雨季，水泥干不了', '2027-06-15', '刘主任'], ['done', '', null, '王老师'],
    ])
    // Residents read the comments without names; the committee sees who said what.
    expect(task.verdicts.map((v) => [v.accepted, v.comment, v.name])).toEqual([
      [true, '修好了，很结实', null], [false, '离垃圾桶太近', null], [true, '', null],
    ])
    expect((await tasksOf(room, room.committee))[0].verdicts.map((v) => v.name)).toEqual(['王阿姨', '李大爷', '刘主任'])
    // Phone numbers in what people wrote are masked for everyone but the committee, as everywhere.
    expect((await accept(room.committee, { accepted: true, comment: '有问题打 13812345678' })).status).toBe(200)
    expect((await tasksOf(room, room.resident))[0].verdicts[2].comment).toBe('有问题打 138****5678')
    expect((await tasksOf(room, room.committee))[0].verdicts[2].comment).toBe('有问题打 13812345678')

    // Taking an answer back; then none to take.
    expect((await room.call(neighbour, 'DELETE', `/tasks/${id}/acceptance`)).status).toBe(200)
    expect(await room.call(neighbour, 'DELETE', `/tasks/${id}/acceptance`)).toMatchObject({ status: 409, body: { code: 'status_unchanged' } })
    expect((await tasksOf(room, room.organizer))[0]).toMatchObject({ accepted: 2, notAccepted: 0 })

    // Back in 方案定稿 nobody ticks, and the agreement is not recorded twice by Agreed ⇄ Implementation.
    await room.moveTo('agreed')
    expect(await accept(room.resident, { accepted: true })).toMatchObject({ status: 403, body: { code: 'wrong_stage' } })
    const state = await room.state(room.organizer)
    expect(state.agreements).toHaveLength(1)
    expect(state.reopens).toHaveLength(0)
  })

  it('judges a task reopened after it was finished afresh: earlier answers stop counting until it is finished again', async () => {
    const { room } = await agreedRoom()
    const id = (await create(room, room.organizer)).body.id as string
    await room.moveTo('implement')
    const status = (body: Record<string, unknown>) => room.call(room.organizer, 'POST', `/tasks/${id}/status`, body)
    const accept = (who: Person, body: Record<string, unknown>) => room.call(who, 'PUT', `/tasks/${id}/acceptance`, body)
    const neighbour = await room.join(room.resident.linkToken, '李大爷', 'resident')
    expect((await status({ status: 'done' })).status).toBe(200)
    expect((await accept(room.resident, { accepted: false, comment: '椅子有点晃' })).status).toBe(200)
    expect((await accept(neighbour, { accepted: true })).status).toBe(200)
    expect((await tasksOf(room, room.resident))[0]).toMatchObject({ accepted: 1, notAccepted: 1, mine: { accepted: false } })

    // The 不认可 was heard: the work is reopened, and while it is not finished nobody's answer counts.
    expect((await status({ status: 'inProgress' })).status).toBe(200)
    expect((await tasksOf(room, room.resident))[0]).toMatchObject({ accepted: 0, notAccepted: 0, mine: null, verdicts: [] })
    // Finished again: the earlier answers were about the earlier work; each person answers anew.
    expect((await status({ status: 'done' })).status).toBe(200)
    expect((await tasksOf(room, room.resident))[0]).toMatchObject({ accepted: 0, notAccepted: 0, mine: null })
    expect((await accept(room.resident, { accepted: true, comment: '修好了' })).status).toBe(200)
    const [task] = await tasksOf(room, room.committee)
    expect(task).toMatchObject({ accepted: 1, notAccepted: 0 })
    expect(task.verdicts.map((v) => [v.name, v.comment])).toEqual([['王阿姨', '修好了']])
    expect(task.history.map((e) => e.status)).toEqual(['done', 'inProgress', 'done'])
  })

  it('takes progress photos only from this project\'s uploads, placed on the plan, and pushes every change to the event stream', async () => {
    const { room } = await agreedRoom()
    const id = (await create(room, room.organizer)).body.id as string
    await room.moveTo('implement')
    const stream = await openEvents(server.url, room.project.projectId, room.resident.token)
    const upload = await uploadAsset(server.url, room.project.projectId, IMAGES.png, room.expert.token)
    expect(upload.status).toBe(201)
    const src = upload.body.src as string
    const other = await agreedRoom()
    const foreignUpload = await uploadAsset(server.url, other.room.project.projectId, IMAGES.png, other.room.organizer.token)
    for (const bad of ['https://example.com/a.jpg', 'data:image/png;base64,AAAA', foreignUpload.body.src, 42]) {
      expect(await room.call(room.expert, 'POST', `/tasks/${id}/photos`, { src: bad, x: 1, y: 2 })).toMatchObject({ status: 400, body: { code: 'invalid_src' } })
    }
    expect(await room.call(room.resident, 'POST', `/tasks/${id}/photos`, { src, x: 1, y: 2 })).toMatchObject({ status: 403, body: { code: 'not_allowed' } })
    expect(await room.call(room.expert, 'POST', `/tasks/${id}/photos`, { src, x: 'a', y: 2 })).toMatchObject({ status: 400, body: { code: 'invalid_x' } })
    expect((await room.call(room.expert, 'POST', `/tasks/${id}/photos`, { src, x: 330, y: 190 })).status).toBe(201)
    for (;;) {
      const e = await stream.next('the photo pushed')
      const tasks = (e.data as { tasks?: Task[] }).tasks
      if (e.event === 'participation' && tasks?.[0]?.photos.length === 1) {
        expect(tasks[0].photos[0]).toMatchObject({ src, x: 330, y: 190, by: { name: '陈设计师', role: 'expert' } })
        break
      }
    }
  })

  it('lets the organizer edit and remove tasks, keeps the committee to 实施落实 for that, and counts done and late tasks for the town', async () => {
    const { room } = await agreedRoom()
    const a = (await create(room, room.organizer, { ...TASK, title: '路灯', due: '2020-01-01' })).body.id as string
    const b = (await create(room, room.organizer, { ...TASK, title: '座椅', due: '2099-01-01' })).body.id as string
    const c = (await create(room, room.organizer, { ...TASK, title: '沙坑', due: '2099-01-01' })).body.id as string
    expect(await room.call(room.committee, 'PATCH', `/tasks/${a}`, { title: '改' })).toMatchObject({ status: 403, body: { code: 'wrong_stage' } })
    expect((await room.call(room.organizer, 'PATCH', `/tasks/${a}`, { responsible: '物业 张经理', x: 10, y: 20 })).status).toBe(200)
    expect(await room.call(room.organizer, 'PATCH', `/tasks/${a}`, { x: 10 })).toMatchObject({ status: 400, body: { code: 'invalid_y' } })
    await room.moveTo('implement')
    expect((await room.call(room.committee, 'PATCH', `/tasks/${b}`, { due: '2099-02-01' })).status).toBe(200)
    expect((await room.call(room.organizer, 'POST', `/tasks/${b}/status`, { status: 'done' })).status).toBe(200)
    expect((await room.call(room.organizer, 'POST', `/tasks/${c}/status`, { status: 'delayed', reason: '等材料' })).status).toBe(200)
    const d = (await create(room, room.committee, { ...TASK, title: '删掉的' })).body.id as string
    expect((await room.call(room.organizer, 'DELETE', `/tasks/${d}`)).status).toBe(200)
    expect(await room.call(room.organizer, 'POST', `/tasks/${d}/status`, { status: 'done' })).toMatchObject({ status: 404, body: { code: 'task_not_found' } })

    const tasks = await tasksOf(room, room.organizer)
    expect(tasks.map((t) => [t.title, t.responsible, t.x, t.y, t.due, t.status])).toEqual([
      ['路灯', '物业 张经理', 10, 20, '2020-01-01', 'notStarted'],
      ['座椅', TASK.responsible, TASK.x, TASK.y, '2099-02-01', 'done'],
      ['沙坑', TASK.responsible, TASK.x, TASK.y, '2099-01-01', 'delayed'],
    ])
    const db = new Database(path.join(server.dataDir, DATABASE_FILE), { fileMustExist: true })
    try {
      expect(taskCounts(db, room.project.projectId)).toEqual({ total: 3, done: 1, late: 2 })
      expect(taskCounts(db, 'no-such-project')).toEqual({ total: 0, done: 0, late: 0 })
    } finally {
      db.close()
    }
  })
  it('goes into the report (实施落实), the tasks spreadsheet and the archive, and comes back whole from an import', async () => {
    const { room, needId } = await agreedRoom()
    const id = (await create(room, room.organizer, { ...TASK, needIds: [needId] })).body.id as string
    await room.moveTo('implement')
    const src = (await uploadAsset(server.url, room.project.projectId, IMAGES.png, room.expert.token)).body.src as string
    expect((await room.call(room.expert, 'POST', `/tasks/${id}/photos`, { src, x: 330, y: 190 })).status).toBe(201)
    expect((await room.call(room.committee, 'POST', `/tasks/${id}/status`, { status: 'delayed', reason: '雨季，水泥干不了', due: '2027-06-15' })).status).toBe(200)
    expect((await room.call(room.organizer, 'POST', `/tasks/${id}/status`, { status: 'done' })).status).toBe(200)
    expect((await room.call(room.resident, 'PUT', `/tasks/${id}/acceptance`, { accepted: false, comment: '椅子有点晃' })).status).toBe(200)
    const dir = tempDir()
    const other = await startTestServer()
    try {
      const report = await postReport(server.url, room.project.projectId, room.committee.token, { lang: 'zh-CN', paper: 'a4-portrait' })
      expect(report.status).toBe(200)
      const text = pdfText(new Uint8Array(await report.arrayBuffer()), dir).replace(/\s+/g, '')
      for (const words of ['实施落实', '1.树下安装座椅·已完成', '负责：街道城建科李工', '延期：雨季，水泥干不了', '新的完成日期2027-06-15',
        '0人认可·1人不认可', '不认可：椅子有点晃', '进度照片1张', '回应的需求：树下想要几张长椅']) {
        expect(text).toContain(words)
      }
      // A public document: the resident who said it is not named.
      expect(text).not.toContain('王阿姨')

      const csv = await fetch(`${server.url}${room.base}/export/tasks.csv?lang=zh-CN`, { headers: { Authorization: `Bearer ${room.committee.token}` } })
      expect(csv.status).toBe(200)
      const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/)
      expect(lines[0]).toContain('延期原因')
      expect(lines[1]).toContain('树下安装座椅')
      expect(lines[1]).toContain('雨季，水泥干不了 (2027-06-15)')
      expect(lines[1]).toContain('不认可: 椅子有点晃')

      const zip = await fetch(`${server.url}${room.base}/export/archive`, { headers: { Authorization: `Bearer ${room.organizer.token}` } })
      expect(zip.status).toBe(200)
      const imported = await fetch(`${other.url}/api/projects/import`, { method: 'POST', headers: { 'Content-Type': 'application/zip' }, body: new Uint8Array(await zip.arrayBuffer()) })
      expect(imported.status).toBe(201)
      const before = (await room.state(room.resident)).tasks
      const after = await api(other.url, 'GET', `${room.base}/participation`, { token: room.resident.token })
      expect(after.status).toBe(200)
      expect(after.body.tasks).toEqual(before)
      // The photo's file came along.
      expect((await fetch(`${other.url}${src}`)).status).toBe(200)
    } finally {
      await other.stop()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
  it('lets the committee enter 认可 / 不认可 for a resident without a phone (代录), replaced by her own answer', async () => {
    const { room } = await agreedRoom()
    const id = (await create(room, room.organizer)).body.id as string
    const enterFor = (who: Person | string, body: Record<string, unknown>) => room.call(who, 'PUT', `/proxy/tasks/${id}/acceptance`, body)
    // Not before 实施落实, not before it is finished, not by a resident, not for a non-resident.
    expect(await enterFor(room.committee, { residentId: room.resident.participantId, accepted: true })).toMatchObject({ status: 403, body: { code: 'wrong_stage' } })
    await room.moveTo('implement')
    const added = await room.call(room.committee, 'POST', '/proxy/residents', { name: '张奶奶', unit: '3号楼' })
    expect(added.status).toBe(201)
    const zhang = (added.body.resident as { id: string }).id
    expect(await enterFor(room.committee, { residentId: zhang, accepted: true })).toMatchObject({ status: 409, body: { code: 'task_not_done' } })
    expect((await room.call(room.organizer, 'POST', `/tasks/${id}/status`, { status: 'done' })).status).toBe(200)
    expect(await enterFor(room.resident, { residentId: zhang, accepted: true })).toMatchObject({ status: 403, body: { code: 'not_allowed' } })
    expect(await enterFor(room.committee.linkToken, { residentId: zhang, accepted: true })).toMatchObject({ status: 403, body: { code: 'join_first' } })
    expect(await enterFor(room.committee, { residentId: room.expert.participantId, accepted: true })).toMatchObject({ status: 403, body: { code: 'not_a_resident' } })
    expect(await enterFor(room.committee, { residentId: 'nobody', accepted: true })).toMatchObject({ status: 404, body: { code: 'participant_not_found' } })
    expect(await enterFor(room.committee, { residentId: '../x', accepted: true })).toMatchObject({ status: 400, body: { code: 'invalid_residentId' } })
    expect(await enterFor(room.committee, { residentId: zhang })).toMatchObject({ status: 400, body: { code: 'invalid_accepted' } })

    expect((await enterFor(room.committee, { residentId: zhang, accepted: false, comment: '台阶还是太高' })).status).toBe(200)
    expect((await enterFor(room.committee, { residentId: room.resident.participantId, accepted: true })).status).toBe(200)
    let task = (await tasksOf(room, room.organizer))[0]
    expect(task).toMatchObject({ accepted: 1, notAccepted: 1 })
    expect(task.verdicts.map((v) => [v.name, v.accepted, v.comment, v.enteredBy])).toEqual([['张奶奶', false, '台阶还是太高', '刘主任'], ['王阿姨', true, '', '刘主任']])
    expect((await tasksOf(room, room.resident))[0].mine).toEqual({ accepted: true, comment: '', enteredBy: '刘主任' })
    // Her own answer replaces the one entered for her: she counts once.
    expect((await room.call(room.resident, 'PUT', `/tasks/${id}/acceptance`, { accepted: false, comment: '我自己再说一次' })).status).toBe(200)
    task = (await tasksOf(room, room.committee))[0]
    expect(task).toMatchObject({ accepted: 0, notAccepted: 2 })
    expect(task.verdicts.find((v) => v.name === '王阿姨')).toMatchObject({ accepted: false, enteredBy: null })
  })
})
