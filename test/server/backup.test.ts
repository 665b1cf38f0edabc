/**
 * Backups: `npm run backup -- <file>` (the built dist/server/server/backup.js)
 * takes a consistent copy while clients keep writing; a server started on a data dir restored from
 * it (README, "Backup and restore") serves the boards and images as they were. `npm test` builds first.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { solidPng } from '../helpers/png.js'
import { connectClient, createBoard, destroyAllClients, synced, waitFor } from './syncTestKit.js'
import { uploadAsset } from './workflowTestKit.js'

const BACKUP = path.resolve('dist/server/server/backup.js')
const run = promisify(execFile)

const dirs: string[] = []
const servers: TestServer[] = []

afterEach(async () => {
  destroyAllClients()
  for (const s of servers.splice(0)) await s.stop()
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-backup-'))
  dirs.push(d)
  return d
}

describe('online backup', () => {
  it('copies the database and images while clients write; a restored data dir serves them', async () => {
    if (!fs.existsSync(BACKUP)) throw new Error(`${BACKUP} is missing: run "npm run build" first`)
    const server = await startTestServer({}, { log: () => {} })
    servers.push(server)
    const boardId = await createBoard(server.running.storage, '备份演练')
    const upload = await uploadAsset(server.url, boardId, solidPng(8, 8))
    expect(upload.status).toBe(201)
    const src = upload.body.src as string

    const writers = Array.from({ length: 3 }, () => connectClient(server.syncUrl, boardId))
    await Promise.all(writers.map(synced))
    writers[0].map.set('before-backup', 'kept')
    const watcher = connectClient(server.syncUrl, boardId)
    await waitFor(() => watcher.map.get('before-backup') === 'kept', 'stored before the backup')

    let stop = false
    const bursts = writers.map(async (w, i) => {
      for (let n = 0; !stop; n++) {
        w.map.set(`w${i}-${n}`, n)
        await new Promise((r) => setTimeout(r, 1))
      }
    })
    const target = path.join(tempDir(), 'nested', 'cg.db')
    const { stdout } = await run(process.execPath, [BACKUP, target], { env: { ...process.env, DATA_DIR: server.dataDir } })
    stop = true
    await Promise.all(bursts)
    expect(stdout).toContain('Backup written')

    // Never overwrites an existing backup.
    await expect(run(process.execPath, [BACKUP, target], { env: { ...process.env, DATA_DIR: server.dataDir } })).rejects.toMatchObject({ code: 1 })

    // The copy is a sound, self-contained SQLite file.
    const copy = new Database(target, { readonly: true, fileMustExist: true })
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(copy.prepare('SELECT name FROM boards WHERE id = ?').get(boardId)).toEqual({ name: '备份演练' })
    copy.close()

    // Restore as the README says: database to DATA_DIR/commonground.db, images to DATA_DIR/assets.
    const restoredDir = tempDir()
    fs.copyFileSync(target, path.join(restoredDir, 'commonground.db'))
    fs.cpSync(`${target}.assets`, path.join(restoredDir, 'assets'), { recursive: true })
    const restored = await startTestServer({ dataDir: restoredDir }, { log: () => {} })
    servers.push(restored)
    const reader = connectClient(restored.syncUrl, boardId)
    await synced(reader)
    expect(reader.map.get('before-backup')).toBe('kept')
    // Each writer's edits in the copy are a prefix of what it wrote: one moment, no gaps.
    for (let i = 0; i < writers.length; i++) {
      const ns = [...reader.map.keys()].filter((k) => k.startsWith(`w${i}-`)).map((k) => Number(k.split('-')[1])).sort((a, b) => a - b)
      expect(ns).toEqual(ns.map((_, j) => j))
    }
    const image = await fetch(restored.url + src)
    expect(image.status).toBe(200)
    expect(Buffer.from(await image.arrayBuffer())).toEqual(solidPng(8, 8))
  })

  it('refuses to run when the data is in PostgreSQL (DATABASE_URL), saying to use pg_dump, and writes nothing', async () => {
    if (!fs.existsSync(BACKUP)) throw new Error(`${BACKUP} is missing: run "npm run build" first`)
    const target = path.join(tempDir(), 'cg.db')
    const failed = await run(process.execPath, [BACKUP, target], {
      env: { ...process.env, DATA_DIR: tempDir(), DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/commonground' },
    }).then(() => undefined, (err: { code: number; stderr: string }) => err)
    expect(failed?.code).toBe(1)
    expect(failed?.stderr).toMatch(/DATABASE_URL is set.*pg_dump/s)
    expect(fs.existsSync(target)).toBe(false)
  })
})
