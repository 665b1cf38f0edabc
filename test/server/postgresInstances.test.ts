/**
 * The server on PostgreSQL (DATABASE_URL): projects, links, people and participation live in the
 * database, not in the SQLite file, and survive a restart; several server processes on one database
 * serve each other's data, and their read-check-write transactions (a committee name taken once)
 * run one after another across processes, as on SQLite. The second test runs the built server
 * (`npm test` builds first).
 */
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { BoardHistory } from '../../server/storage/BoardHistory.js'
import { PgSqlDb } from '../../server/storage/sql/PgSqlDb.js'
import { DATABASE_FILE } from '../../server/storage/SqliteStorage.js'
import { startBuiltServer, stopBuiltServers, tempDataDir } from '../helpers/builtServer.js'
import { freshPgDatabase } from '../helpers/pgDatabase.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { addNeed, addOption, openRoom } from './participationTestKit.js'
import { api, createLink, createProject, moveStage } from './workflowTestKit.js'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  stopBuiltServers()
  for (const fn of cleanups.splice(0).reverse()) await fn()
})

async function rowsIn(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(sql)).rows
  } finally {
    await client.end()
  }
}

describe('the server on PostgreSQL', () => {
  it('keeps a project\'s links, people, needs, ticks, options, votes and comments in PostgreSQL, across a restart', async () => {
    const db = await freshPgDatabase()
    cleanups.push(() => db.drop())
    const server: TestServer = await startTestServer({ databaseUrl: db.url })
    cleanups.push(() => server.stop())
    const room = await openRoom(server)
    await room.moveTo('needs')
    const need = await addNeed(room, room.resident, '晚上散步没有路灯')
    expect((await room.call(room.committee, 'POST', `/needs/${need}/tick`)).status).toBe(200)
    await room.moveTo('siteVisit')
    const option = await addOption(room, '沿路加装矮柱灯', [need])
    const other = await addOption(room, '装两盏高杆灯', [need])
    await room.moveTo('negotiate')
    const opened = await room.call(room.organizer, 'POST', '/votes', { optionIds: [option, other], mode: 'single' })
    expect(opened.status).toBe(201)
    const voteId = opened.body.id as string
    expect((await room.call(room.resident, 'POST', `/votes/${voteId}/ballot`, { optionId: option })).status).toBe(201)
    expect((await room.call(room.expert, 'POST', '/comments', { target: { kind: 'option', id: option }, text: '灯光要避开卧室窗户' })).status).toBe(201)
    // `revision` is the server's change counter (a time), made afresh at start; the rest is stored.
    const stored = async () => ({ ...await room.state(room.organizer), revision: 0 })
    const before = await stored()

    await server.restart()
    expect(await stored()).toEqual(before)
    expect(before.needs.map((n) => n.text)).toEqual(['晚上散步没有路灯'])

    // Where it lives: the database has the rows, and with DATABASE_URL no SQLite file is made at all.
    expect(await rowsIn(db.url, 'SELECT text FROM needs')).toEqual([{ text: '晚上散步没有路灯' }])
    expect((await rowsIn(db.url, 'SELECT COUNT(*)::int AS n FROM participants'))[0].n).toBe(4)
    expect(fs.existsSync(path.join(server.dataDir, DATABASE_FILE))).toBe(false)
  })

  it('two server processes on one database: each serves what the other stored, and a committee name is taken once', async () => {
    const db = await freshPgDatabase()
    cleanups.push(() => db.drop())
    // Each its own DATA_DIR: with DATABASE_URL nothing either needs is kept there.
    const env = { DATABASE_URL: db.url, RATE_LIMIT_PER_MINUTE: '0', AUTH_FAILURE_LIMIT_PER_MINUTE: '0' }
    const a = await startBuiltServer(tempDataDir(), env)
    const b = await startBuiltServer(tempDataDir(), env)

    const project = await createProject(a.url)
    const committeeLink = await createLink(a.url, project, 'committee')
    const residentLink = await createLink(a.url, project, 'resident')
    // Made on A, moved on A, read on B.
    expect((await moveStage(a.url, project, 'organize', 'needs')).status).toBe(200)
    const seen = await api(b.url, 'GET', `/api/projects/${project.projectId}`, { token: project.organizerToken })
    expect(seen.status).toBe(200)
    expect(seen.body.stage).toBe('needs')

    // Race: the same committee name joins through A and B at the same moment, round after round.
    // Each join checks the name is free, then stores it; only if the two transactions run one after
    // the other does exactly one of them get it (a second 刘主任 would be a second approval).
    for (let round = 0; round < 6; round++) {
      const name = `刘主任${round}`
      const answers = await Promise.all([a, b].map((s) =>
        api(s.url, 'POST', `/api/projects/${project.projectId}/participants`, { token: committeeLink.token, body: { name } })))
      expect(answers.map((r) => r.status).sort()).toEqual([201, 409])
    }
    // A resident joins on B and raises a need there; A lists it.
    const joined = await api(b.url, 'POST', `/api/projects/${project.projectId}/participants`, { token: residentLink.token, body: { name: '王阿姨' } })
    expect(joined.status).toBe(201)
    const raised = await api(b.url, 'POST', `/api/projects/${project.projectId}/needs`, {
      token: joined.body.token as string, body: { x: 1, y: 2, categoryId: 'seating', text: '树下放两张长椅' },
    })
    expect(raised.status).toBe(201)
    const state = await api(a.url, 'GET', `/api/projects/${project.projectId}/participation`, { token: project.organizerToken })
    expect((state.body.needs as { text: string }[]).map((n) => n.text)).toEqual(['树下放两张长椅'])
  })

  it('keeps board history in the table the board storage made (no rowid of ours), newest kept, in the order taken', async () => {
    const fresh = await freshPgDatabase()
    cleanups.push(() => fresh.drop())
    // As the PostgreSQL board storage makes it (its own client, not our dialect): its columns only.
    await rowsIn(fresh.url, `CREATE TABLE board_history (id TEXT PRIMARY KEY, board_id TEXT NOT NULL, at BIGINT NOT NULL, state BYTEA NOT NULL);
      INSERT INTO board_history VALUES ('h-old', 'b1', 5, '\\x01')`)
    const db = new PgSqlDb(fresh.url)
    cleanups.push(() => db.close())
    const history = new BoardHistory(db)
    for (const byte of [2, 3, 4]) history.saveSnapshot('b1', new Uint8Array([byte, byte]), 10)
    const list = history.snapshots('b1')
    expect(list.map((s) => [s.at, s.bytes])).toEqual([[5, 1], [10, 2], [10, 2], [10, 2]])
    // Same time: in the order they were taken.
    expect(list.slice(1).map((s) => [...history.snapshot('b1', s.id)!])).toEqual([[2, 2], [3, 3], [4, 4]])
  })
})
