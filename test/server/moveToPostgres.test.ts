/**
 * `npm run migrate-to-postgres -- <DATA_DIR>` (docs/deploy.md): a single server's SQLite folder with
 * a real project in it (needs, ticks, options, a vote and its ballots, comments, history, an uploaded
 * image) and a drawn board is moved into an empty PostgreSQL database by the built command; a
 * server started on that database then serves the same participation, the same board and the same
 * image bytes. The command refuses a database that already holds boards.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { freshPgDatabase } from '../helpers/pgDatabase.js'
import { startTestServer } from '../helpers/startTestServer.js'
import { IMAGES, createBoardViaApi, request } from './httpTestKit.js'
import { addNeed, addOption, openRoom } from './participationTestKit.js'
import { connectClient, destroyAllClients, synced, waitFor } from './syncTestKit.js'
import { api, uploadAsset } from './workflowTestKit.js'

const COMMAND = path.resolve('dist/server/server/migrateToPostgres.js')

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  destroyAllClients()
  for (const fn of cleanups.splice(0).reverse()) await fn()
})

function runCommand(dataDir: string, databaseUrl: string): Promise<{ code: number | null; out: string }> {
  if (!fs.existsSync(COMMAND)) throw new Error(`${COMMAND} is missing: run "npm run build" first`)
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-move-'))
  cleanups.push(() => fs.rmSync(scratch, { recursive: true, force: true }))
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [COMMAND, dataDir], {
      env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: scratch }, stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (c) => { out += c })
    child.stderr.on('data', (c) => { out += c })
    child.on('exit', (code) => resolve({ code, out }))
  })
}

async function imageBytes(url: string, src: string): Promise<string> {
  const res = await request(url, src)
  expect(res.status).toBe(200)
  return res.body.toString('base64')
}

describe('moving a SQLite data folder into PostgreSQL', () => {
  it('moves every board, need, vote, comment and image, and a server on PostgreSQL serves them the same', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-move-src-'))
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }))
    const server = await startTestServer({ dataDir })
    const room = await openRoom(server)
    await room.moveTo('needs')
    const need = await addNeed(room, room.resident, '晚上散步没有路灯')
    const other = await addNeed(room, room.committee, '树下放两张长椅')
    expect((await room.call(room.committee, 'POST', `/needs/${need}/tick`)).status).toBe(200)
    await room.moveTo('siteVisit')
    const lamps = await addOption(room, '沿路加装矮柱灯', [need])
    const poles = await addOption(room, '装两盏高杆灯', [need, other])
    await room.moveTo('negotiate')
    const opened = await room.call(room.organizer, 'POST', '/votes', { optionIds: [lamps, poles], mode: 'single' })
    expect(opened.status).toBe(201)
    expect((await room.call(room.resident, 'POST', `/votes/${opened.body.id as string}/ballot`, { optionId: lamps })).status).toBe(201)
    expect((await room.call(room.committee, 'POST', `/votes/${opened.body.id as string}/ballot`, { optionId: poles })).status).toBe(201)
    expect((await room.call(room.expert, 'POST', '/comments', { target: { kind: 'option', id: lamps }, text: '灯光要避开卧室窗户' })).status).toBe(201)
    const uploaded = await uploadAsset(server.url, room.project.projectId, IMAGES.png, room.project.organizerToken)
    expect(uploaded.status).toBe(201)
    const src = uploaded.body.src as string

    // A drawn plain board, with more updates than one batch.
    const board = await createBoardViaApi(server.url, '老街口')
    const drawer = connectClient(server.syncUrl, board.id)
    await synced(drawer)
    for (let i = 0; i < 120; i++) drawer.map.set(`k${i}`, { i, text: '花坛'.repeat(i % 3) })
    const check = connectClient(server.syncUrl, board.id)
    await waitFor(() => check.map.size === 120, 'the board is stored')
    const boardBefore = check.map.toJSON()
    destroyAllClients()

    // `revision` is the server's change counter (a time), made afresh at start; the rest is stored.
    const stateBefore = { ...await room.state(room.organizer), revision: 0 }
    const imageBefore = await imageBytes(server.url, src)
    await server.stop()

    const db = await freshPgDatabase()
    cleanups.push(() => db.drop())
    const moved = await runCommand(dataDir, db.url)
    expect(moved.out).toMatch(/and checked them/)
    expect(moved.code).toBe(0)

    const onPg = await startTestServer({ databaseUrl: db.url })
    cleanups.push(() => onPg.stop())
    // The same people's tokens work on the moved server: links and participants moved too.
    const state = await api(onPg.url, 'GET', `${room.base}/participation`, { token: room.organizer.token })
    expect(state.status).toBe(200)
    expect({ ...state.body, revision: 0 }).toEqual(stateBefore)
    expect(await imageBytes(onPg.url, src)).toBe(imageBefore)
    const reader = connectClient(onPg.syncUrl, board.id)
    await synced(reader)
    expect(reader.map.toJSON()).toEqual(boardBefore)
    // Drawing goes on after the move (the update sequence continues past the moved rows).
    reader.map.set('after', true)
    const second = connectClient(onPg.syncUrl, board.id)
    await waitFor(() => second.map.get('after') === true && second.map.size === 121, 'a new edit is stored and served')

    // Once is enough: a database that holds boards is refused, and says why.
    const again = await runCommand(dataDir, db.url)
    expect(again.code).toBe(1)
    expect(again.out).toMatch(/already holds boards/)
  })

  it('says so, and moves nothing, when the folder holds no CommonGround database', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-move-empty-'))
    cleanups.push(() => fs.rmSync(empty, { recursive: true, force: true }))
    const db = await freshPgDatabase()
    cleanups.push(() => db.drop())
    const missing = await runCommand(empty, db.url)
    expect(missing.code).toBe(1)
    expect(missing.out).toMatch(/commonground\.db does not exist/)
  })
})
