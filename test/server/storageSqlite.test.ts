import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DATABASE_FILE, openSqliteStorage, type SqliteStorage } from '../../server/storage/SqliteStorage.js'
import type { Storage } from '../../server/storage/Storage.js'
import { materialise, update } from './storageContract.js'


describe('SqliteStorage', () => {
  let dir: string
  let storage: Storage

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-storage-'))
    storage = openSqliteStorage(path.join(dir, 'nested', 'data'))
  })

  afterEach(async () => {
    await storage.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('creates its directory and one database file in WAL mode', () => {
    const file = path.join(dir, 'nested', 'data', DATABASE_FILE)
    expect(fs.existsSync(file)).toBe(true)
    const db = new Database(file, { readonly: true })
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    db.close()
  })

  it('stores boards and refuses a duplicate id', async () => {
    await storage.createBoard({ id: 'board-0001', name: '社区花园', createdAt: 1700000000000 })
    expect(await storage.getBoard('board-0001')).toEqual({ id: 'board-0001', name: '社区花园', createdAt: 1700000000000 })
    expect(await storage.getBoard('nope-0001')).toBeUndefined()
    expect(await storage.countBoards()).toBe(1)
    await expect(storage.createBoard({ id: 'board-0001', name: 'again', createdAt: 1 })).rejects.toThrow(/already exists/)
  })

  it('appends updates and compacts them into a snapshot', async () => {
    await storage.createBoard({ id: 'board-0001', name: 'b', createdAt: 1 })
    expect(await storage.loadDoc('board-0001')).toEqual({ snapshot: null, updates: [] })
    await storage.appendUpdates('board-0001', [update('a', 1), update('b', 2)])
    await storage.appendUpdates('board-0001', [update('c', 3)])
    const before = await storage.loadDoc('board-0001')
    expect(before.updates).toHaveLength(3)
    expect(materialise(before)).toEqual({ a: 1, b: 2, c: 3 })

    const doc = new Y.Doc()
    for (const u of before.updates) Y.applyUpdate(doc, u)
    await storage.compact('board-0001', Y.encodeStateAsUpdate(doc))
    const after = await storage.loadDoc('board-0001')
    expect(after.updates).toHaveLength(0)
    expect(after.snapshot).toBeInstanceOf(Uint8Array)
    expect(materialise(after)).toEqual({ a: 1, b: 2, c: 3 })
    await storage.appendUpdates('board-0001', [update('d', 4)])
    expect((await storage.loadDoc('board-0001')).updates).toHaveLength(1)
    expect(materialise(await storage.loadDoc('board-0001'))).toEqual({ a: 1, b: 2, c: 3, d: 4 })
  })

  it('keeps each board\'s updates apart', async () => {
    await storage.createBoard({ id: 'board-000a', name: 'a', createdAt: 1 })
    await storage.createBoard({ id: 'board-000b', name: 'b', createdAt: 1 })
    await storage.appendUpdates('board-000a', [update('x', 1)])
    await storage.appendUpdates('board-000b', [update('y', 2)])
    await storage.compact('board-000a', update('z', 3))
    expect(materialise(await storage.loadDoc('board-000a'))).toEqual({ z: 3 })
    expect(materialise(await storage.loadDoc('board-000b'))).toEqual({ y: 2 })
  })

  it('refuses updates for a board that does not exist', async () => {
    await expect(storage.appendUpdates('ghost-0001', [update('x', 1)])).rejects.toThrow(/FOREIGN KEY/)
  })

  it('keeps everything across a reopen', async () => {
    await storage.createBoard({ id: 'board-0001', name: 'b', createdAt: 1 })
    await storage.appendUpdates('board-0001', [update('a', 1)])
    await storage.close()
    storage = openSqliteStorage(path.join(dir, 'nested', 'data'))
    expect(await storage.countBoards()).toBe(1)
    expect(materialise(await storage.loadDoc('board-0001'))).toEqual({ a: 1 })
  })

  it('converts a database of an earlier version to incremental auto-vacuum, keeping every row', async () => {
    const dataDir = path.join(dir, 'nested', 'data')
    const file = path.join(dataDir, DATABASE_FILE)
    await storage.createBoard({ id: 'board-0001', name: '老街口袋公园', createdAt: 1 })
    await storage.appendUpdates('board-0001', [update('a', 1), update('b', 2)])
    await storage.createBoard({ id: 'board-0002', name: 'b', createdAt: 2 })
    await storage.compact('board-0002', update('z', 3))
    await storage.close()
    // What a data dir of an earlier version looks like: no auto_vacuum.
    const old = new Database(file)
    old.pragma('auto_vacuum = NONE')
    old.exec('VACUUM')
    expect(old.pragma('auto_vacuum', { simple: true })).toBe(0)
    old.close()

    storage = openSqliteStorage(dataDir)
    expect((storage as SqliteStorage).vacuumError).toBeUndefined()
    expect(await storage.getBoard('board-0001')).toEqual({ id: 'board-0001', name: '老街口袋公园', createdAt: 1 })
    expect(materialise(await storage.loadDoc('board-0001'))).toEqual({ a: 1, b: 2 })
    expect(materialise(await storage.loadDoc('board-0002'))).toEqual({ z: 3 })
    const db = new Database(file, { readonly: true })
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2)
    db.close()
  })

  it('gives the space of compacted updates back instead of keeping it as free pages', async () => {
    const file = path.join(dir, 'nested', 'data', DATABASE_FILE)
    await storage.createBoard({ id: 'board-0001', name: 'b', createdAt: 1 })
    const doc = new Y.Doc()
    const updates: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => updates.push(u))
    // About 4 MB of updates, then one small snapshot replacing them.
    for (let i = 0; i < 1000; i++) doc.getMap('m').set('note', 'x'.repeat(4000) + i)
    for (let i = 0; i < updates.length; i += 100) await storage.appendUpdates('board-0001', updates.slice(i, i + 100))
    await storage.compact('board-0001', Y.encodeStateAsUpdate(doc))

    expect(materialise(await storage.loadDoc('board-0001'))).toEqual({ note: 'x'.repeat(4000) + 999 })
    const db = new Database(file, { readonly: true })
    const pageSize = db.pragma('page_size', { simple: true }) as number
    const free = (db.pragma('freelist_count', { simple: true }) as number) * pageSize
    const whole = (db.pragma('page_count', { simple: true }) as number) * pageSize
    db.close()
    expect(free).toBeLessThanOrEqual(1024 * 1024)
    expect(whole).toBeLessThan(2 * 1024 * 1024)
  })

  it('refuses a database written by a newer version', async () => {
    await storage.close()
    const db = new Database(path.join(dir, 'nested', 'data', DATABASE_FILE))
    db.pragma('user_version = 99')
    db.close()
    expect(() => openSqliteStorage(path.join(dir, 'nested', 'data'))).toThrow(/newer version/)
    storage = openSqliteStorage(path.join(dir, 'other'))
  })

  it('fails clearly once closed', async () => {
    await storage.close()
    await expect(storage.getBoard('board-0001')).rejects.toThrow(/closed/)
    storage = openSqliteStorage(path.join(dir, 'other'))
  })
})
