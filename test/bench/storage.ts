/**
 * Storage. 50,000 small edits (moving shapes, each its own transaction and
 * message, as tldraw drags produce them) sent to one board by a real client; then the stored bytes
 * against the compacted Yjs state, and the time to load the stored board against loading only
 * its compacted state.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import * as Y from 'yjs'
import { connectClient, newBoardId, waitFor } from '../server/syncTestKit.js'
import { openSqliteStorage, DATABASE_FILE } from '../../server/storage/SqliteStorage.js'
import type { Storage } from '../../server/storage/Storage.js'
import { startOurServer } from './benchServers.js'
import { kib, ms, sleep } from './processStats.js'
import { geoShape, recordsOf } from './shapes.js'

export interface StorageOptions { edits: number; shapes: number }

interface Stored { snapshotBytes: number; updates: number; updateBytes: number; fileBytes: number; compactedBytes: number }

async function measureStored(storage: Storage, dataDir: string, boardId: string): Promise<Stored> {
  const stored = await storage.loadDoc(boardId)
  const doc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
  for (const u of stored.updates) Y.applyUpdate(doc, u)
  const file = path.join(dataDir, DATABASE_FILE)
  const fileBytes = [file, `${file}-wal`].reduce((sum, f) => sum + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0)
  return {
    snapshotBytes: stored.snapshot?.length ?? 0,
    updates: stored.updates.length,
    updateBytes: stored.updates.reduce((s, u) => s + u.length, 0),
    fileBytes,
    compactedBytes: Y.encodeStateAsUpdate(doc).length,
  }
}

/** What the database file holds besides the board state (history, audit log, free pages). */
function fileBreakdown(dataDir: string): string[] {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true })
  try {
    const one = (sql: string) => db.prepare(sql).get() as Record<string, number | null>
    const pageSize = db.pragma('page_size', { simple: true }) as number
    const pages = db.pragma('page_count', { simple: true }) as number
    const free = db.pragma('freelist_count', { simple: true }) as number
    const rows: string[] = [`| whole file (pages × page size) | | ${kib(pages * pageSize)} |`, `| free pages | ${free} | ${kib(free * pageSize)} |`]
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]
    for (const { name } of tables) {
      const blob = name === 'updates' ? 'data' : name === 'snapshots' || name === 'board_history' ? 'state' : null
      const r = one(`SELECT count(*) AS n${blob ? `, sum(length(${blob})) AS bytes` : ''} FROM ${name}`)
      if (!r.n) continue
      rows.push(`| table ${name} | ${r.n} rows | ${blob ? kib(r.bytes ?? 0) + ' (blobs)' : ''} |`)
    }
    return rows
  } finally {
    db.close()
  }
}

function ratio(s: Stored): number {
  return (s.snapshotBytes + s.updateBytes) / s.compactedBytes
}

/** Read and apply a stored board the way the server's Board.load does (one transaction). */
async function loadOnce(storage: Storage, boardId: string): Promise<number> {
  const t0 = performance.now()
  const stored = await storage.loadDoc(boardId)
  const doc = new Y.Doc()
  doc.transact(() => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
    for (const u of stored.updates) Y.applyUpdate(doc, u)
  })
  const t = performance.now() - t0
  doc.destroy()
  return t
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

/**
 * Median load times of boards `a` and `b`, interleaved (a, b, a, b, …) after a warm-up, so that JIT
 * warm-up, GC and the other processes on the machine fall on both alike.
 */
async function loadTimes(storage: Storage, a: string, b: string, runs: number): Promise<[number, number]> {
  for (let i = 0; i < 5; i++) { await loadOnce(storage, a); await loadOnce(storage, b) }
  const ta: number[] = []
  const tb: number[] = []
  for (let i = 0; i < runs; i++) {
    ta.push(await loadOnce(storage, a))
    tb.push(await loadOnce(storage, b))
  }
  return [median(ta), median(tb)]
}

/**
 * What one compaction costs the server on a board of this size: Y.encodeStateAsUpdate of the doc
 * plus the SQLite transaction that stores it (the Board relays nothing in between). Median of `runs`.
 */
async function compactionMs(storage: Storage, doc: Y.Doc, runs = 9): Promise<number> {
  const id = newBoardId()
  await storage.createBoard({ id, name: 'compaction timing', createdAt: Date.now() })
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await storage.compact(id, Y.encodeStateAsUpdate(doc))
    times.push(performance.now() - t0)
  }
  return median(times)
}

export async function benchStorage(opts: StorageOptions, log: (l: string) => void): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-bench-storage-'))
  try {
    const server = await startOurServer({ dataDir, syncMessagesPerSecond: 0 })
    let live: Stored
    let boardId: string
    let sendMs: number
    let worst: Stored
    let liveMs: number
    let liveCompactMs: number
    let liveCompactId: string
    let samples = 0
    try {
      boardId = await server.newBoard()
      const writer = connectClient(server.syncUrl, boardId)
      await waitFor(() => writer.provider.synced, 'writer synced')
      const kv = recordsOf(writer.doc)
      writer.doc.transact(() => { for (let i = 0; i < opts.shapes; i++) kv.set(`shape:bench${i}`, geoShape(i)) })
      // A second connection to the same database file (WAL allows it) samples what is stored as
      // the edits go in (every committed state must stay within the target, so any moment counts).
      const sampler = openSqliteStorage(dataDir)
      let worstLive: Stored | undefined
      const sample = async () => {
        const s = await measureStored(sampler, dataDir, boardId)
        samples++
        if (!worstLive || ratio(s) > ratio(worstLive)) worstLive = s
      }
      const t0 = performance.now()
      for (let e = 0; e < opts.edits; e++) {
        const i = e % opts.shapes
        kv.set(`shape:bench${i}`, geoShape(i, (i % 50) * 120 + (e % 97), Math.floor(i / 50) * 120 + (e % 89)))
        // Let the socket drain now and then, as a person dragging would never outrun it.
        if (e % 500 === 499) {
          await sleep(0)
          const ws = writer.provider.ws as unknown as { bufferedAmount: number } | null
          while ((ws?.bufferedAmount ?? 0) > 256 * 1024) await sleep(5)
          await sample()
        }
      }
      const last = (opts.edits - 1) % opts.shapes
      const expected = JSON.stringify(kv.get(`shape:bench${last}`))
      const checker = connectClient(server.syncUrl, boardId)
      await waitFor(() => checker.provider.synced && JSON.stringify(recordsOf(checker.doc).get(`shape:bench${last}`)) === expected,
        'all edits relayed', 300_000)
      sendMs = performance.now() - t0
      checker.destroy()
      log(`${opts.edits} edits relayed in ${(sendMs / 1000).toFixed(1)} s`)
      // Storage writes are batched and asynchronous; give the writer a moment, then read the same
      // database file read-only-in-effect (WAL allows a second reader) while the server still runs.
      await sleep(2_000)
      live = await measureStored(sampler, dataDir, boardId)
      await sample()
      worst = worstLive!
      // The same board as nothing but its compacted state, in the same (live) database.
      liveCompactId = await storeCompactCopy(sampler, boardId)
      ;[liveMs, liveCompactMs] = await loadTimes(sampler, boardId, liveCompactId, 31)
      await sampler.close()
      writer.destroy()
    } finally {
      await server.stop()
    }
    const storage = openSqliteStorage(dataDir)
    try {
      const afterStop = await measureStored(storage, dataDir, boardId)
      const loaded = await storage.loadDoc(boardId)
      const doc = new Y.Doc()
      if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot)
      for (const u of loaded.updates) Y.applyUpdate(doc, u)
      const [storedMs, compactMs] = await loadTimes(storage, boardId, liveCompactId, 31)
      const breakdown = fileBreakdown(dataDir)
      const compactCost = await compactionMs(storage, doc)
      const big = bigBoard(5_000)
      const bigCost = await compactionMs(storage, big)
      const bigBytes = Y.encodeStateAsUpdate(big).byteLength
      return storageMarkdown(opts, sendMs, samples, live, worst, afterStop, { liveMs, liveCompactMs, storedMs, compactMs }) +
        '\n\n| one compaction (encode the doc + store it in one transaction; relaying waits meanwhile), median of 9 | doc KiB | ms |\n|---|---:|---:|\n' +
        `| this board (${opts.shapes} shapes) | ${kib(Y.encodeStateAsUpdate(doc).byteLength)} | ${ms(compactCost)} |\n` +
        `| a board of 5,000 geo shapes | ${kib(bigBytes)} | ${ms(bigCost)} |\n\n` +
        'A board compacts when the updates kept after its snapshot would exceed half the snapshot (at least 16 KiB) or ' +
        'COMPACT_AFTER_UPDATES, in the same transaction that would have stored them, and once it has been quiet for 1 s if ' +
        'what is kept would slow loading down by more than about 1/16; so a burst costs one compaction per half a board of edits.' +
        '\n\nWhat the SQLite file holds after the server stopped (one board plus its compacted copy):\n\n| part | count | KiB |\n|---|---:|---:|\n' +
        breakdown.join('\n')
    } finally {
      await storage.close()
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

/** Store the board's compacted state as a new board of its own; returns its id. */
async function storeCompactCopy(storage: Storage, boardId: string): Promise<string> {
  const stored = await storage.loadDoc(boardId)
  const doc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
  for (const u of stored.updates) Y.applyUpdate(doc, u)
  const id = newBoardId()
  await storage.createBoard({ id, name: 'compacted', createdAt: Date.now() })
  await storage.compact(id, Y.encodeStateAsUpdate(doc))
  doc.destroy()
  return id
}

interface LoadTimes { liveMs: number; liveCompactMs: number; storedMs: number; compactMs: number }

/** A doc of `n` geo shapes, for timing a compaction of a large board. */
function bigBoard(n: number): Y.Doc {
  const doc = new Y.Doc()
  const kv = recordsOf(doc)
  doc.transact(() => { for (let i = 0; i < n; i++) kv.set(`shape:big${i}`, geoShape(i)) })
  return doc
}

function storageMarkdown(opts: StorageOptions, sendMs: number, samples: number, live: Stored, worstLive: Stored, stopped: Stored,
  t: LoadTimes): string {
  const row = (label: string, s: Stored) => {
    const total = s.snapshotBytes + s.updateBytes
    return `| ${label} | ${kib(s.snapshotBytes)} | ${s.updates} | ${kib(s.updateBytes)} | ${kib(total)} | ${kib(s.compactedBytes)} | ${(total / s.compactedBytes).toFixed(2)}× | ${kib(s.fileBytes)} |`
  }
  const worst = Math.max(ratio(live), ratio(worstLive), ratio(stopped))
  const loadRatio = Math.max(t.liveMs / t.liveCompactMs, t.storedMs / t.compactMs)
  return [
    `${opts.shapes} geo shapes, then ${opts.edits.toLocaleString('en')} edits (each moves one shape: a YKeyValue set, one transaction, one WebSocket message)`,
    `from one real y-websocket client; all relayed in ${(sendMs / 1000).toFixed(1)} s. Stored = snapshot + updates kept after it in SQLite; compacted = Y.encodeStateAsUpdate of the same document.`,
    '',
    '| when | snapshot KiB | updates kept | updates KiB | stored KiB | compacted KiB | stored / compacted | SQLite file + WAL KiB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    row(`server running: worst of ${samples} samples, one every 500 edits`, worstLive),
    row('server running, all edits in, clients connected', live),
    row('after the server stopped', stopped),
    '',
    `Target stored ≤ 2× compacted: ${worst <= 2 ? 'met' : 'missed'} (worst ${worst.toFixed(2)}×).`,
    '',
    '| load (SQLite read + Y.applyUpdate into a new doc in one transaction, as the server loads a board; median of 31, the two boards interleaved) | stored board ms | compacted copy ms | ratio |',
    '|---|---:|---:|---:|',
    `| while the server runs, all edits in (snapshot + ${live.updates} updates kept) | ${ms(t.liveMs)} | ${ms(t.liveCompactMs)} | ${(t.liveMs / t.liveCompactMs).toFixed(2)}× |`,
    `| after the server stopped (snapshot + ${stopped.updates} updates kept) | ${ms(t.storedMs)} | ${ms(t.compactMs)} | ${(t.storedMs / t.compactMs).toFixed(2)}× |`,
    '',
    `Target load ≤ compacted + 20 %: ${loadRatio <= 1.2 ? 'met' : 'missed'} (${loadRatio.toFixed(2)}×).`,
  ].join('\n')
}
