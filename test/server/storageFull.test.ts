/**
 * A full disk is loud and loses nothing. The data dir is a tiny filesystem of
 * its own (a tmpfs; see tinyDisk below), filled up while real y-websocket clients edit: healthz must
 * say 503 with the reason, every client must be told, nobody may receive an edit that is not saved,
 * and once space is freed the server must save and relay the held edits by itself, with nothing lost
 * across a restart. Also: held edits are bounded (MAX_UNSAVED_BYTES).
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createShapeId, GeoShapeUtil, toRichText, type TLGeoShape } from 'tldraw'
import { afterEach, describe, expect, it } from 'vitest'
import { YKeyValue } from 'y-utility/y-keyvalue'
import type { Config } from '../../server/config.js'
import type { StartOptions } from '../../server/app.js'
import { watchConnection } from '../../src/sync/watchConnection.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { createBoardViaApi, request } from './httpTestKit.js'
import { ControlledStorage, connectClient, destroyAllClients, synced, waitFor, type Client } from './syncTestKit.js'

/**
 * A filesystem of a few tens of MB for DATA_DIR that the test can fill and free. A real tmpfs when this
 * process may mount one (root, as in our CI container): then SQLite meets a real SQLITE_FULL. Where
 * mounting is not allowed, the same test runs against storage that fails its writes while "full",
 * so the server's behaviour is still checked (only the file-system layer is simulated).
 */
interface TinyDisk {
  dir: string
  /** True: a real full filesystem; false: simulated by the storage wrapper. */
  real: boolean
  options: StartOptions
  fill(): void
  free(): void
  dispose(): void
}

function tinyDisk(): TinyDisk {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-tinydisk-'))
  const filler = path.join(dir, 'filler')
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=32m', 'tmpfs', dir], { stdio: 'ignore' })
  } catch {
    let controlled: ControlledStorage | undefined
    let full = false
    return {
      dir, real: false,
      options: { wrapStorage: (s) => { controlled = new ControlledStorage(s); controlled.failWrites = full; return controlled } },
      fill() { full = true; if (controlled) controlled.failWrites = true },
      free() { full = false; if (controlled) controlled.failWrites = false },
      dispose() { fs.rmSync(dir, { recursive: true, force: true }) },
    }
  }
  return {
    dir, real: true, options: {},
    fill() {
      // Everything that is left, then small chunks until the filesystem says no more.
      const { bavail, bsize } = fs.statfsSync(dir)
      const fd = fs.openSync(filler, 'a')
      try {
        try {
          fs.writeSync(fd, Buffer.alloc(Number(bavail) * Number(bsize)))
        } catch { /* ENOSPC part-way: the loop below finishes the job */ }
        const chunk = Buffer.alloc(4096)
        for (;;) {
          try {
            fs.writeSync(fd, chunk)
          } catch (err) {
            if ((err as NodeJS.ErrnoException).code === 'ENOSPC') break
            throw err
          }
        }
      } finally {
        fs.closeSync(fd)
      }
    },
    free() {
      fs.rmSync(filler, { force: true })
    },
    dispose() {
      try {
        execFileSync('umount', [dir], { stdio: 'ignore' })
      } finally {
        fs.rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}

const geoDefaults = GeoShapeUtil.prototype.getDefaultProps.call({ options: {} } as never)

/** A valid tldraw geo shape carrying `text`, as our client would write it. */
function shape(name: string, text: string): TLGeoShape {
  return {
    id: createShapeId(name), typeName: 'shape', type: 'geo', parentId: 'page:page' as TLGeoShape['parentId'],
    index: 'a1' as TLGeoShape['index'], x: 0, y: 0, rotation: 0, isLocked: false, opacity: 1, meta: {},
    props: { ...geoDefaults, richText: toRichText(text) },
  }
}

function records(client: Client): YKeyValue<TLGeoShape> {
  return new YKeyValue<TLGeoShape>(client.doc.getArray('records'))
}

function textOf(client: Client, name: string): string | undefined {
  const r = records(client).get(createShapeId(name))
  const para = r?.props.richText.content?.[0] as { content?: { text?: string }[] } | undefined
  return para?.content?.[0]?.text
}

async function health(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await request(url, '/healthz')
  return { status: res.status, body: res.json() }
}

/** What our own client (src/sync/watchConnection.ts) hears of the storage notices, in order. */
function notices(client: Client): boolean[] {
  const heard: boolean[] = []
  watchConnection(client.provider, { onStatus: () => {}, onServerClose: () => {}, onStorageFailing: (f) => heard.push(f) })
  return heard
}

/**
 * Proof that the server has handled everything `from` sent so far: awareness is relayed at once and
 * handled in order on the same socket, so once `to` sees this marker, any update `from` sent before
 * it would have reached `to` too, had the server relayed it.
 */
async function fence(from: Client, to: Client, marker: string): Promise<void> {
  from.provider.awareness.setLocalStateField('marker', marker)
  await waitFor(() => to.provider.awareness.getStates().get(from.doc.clientID)?.marker === marker, `marker ${marker}`)
}

describe('storage failure (a full disk)', () => {
  let server: TestServer | undefined
  let disk: TinyDisk | undefined

  afterEach(async () => {
    destroyAllClients()
    disk?.free()
    await server?.stop()
    disk?.dispose()
    server = undefined
    disk = undefined
  })

  async function start(overrides: Partial<Config> = {}): Promise<TestServer> {
    disk = tinyDisk()
    server = await startTestServer({ dataDir: disk.dir, ...overrides }, { log: () => {}, ...disk.options })
    return server
  }

  it('answers healthz 503, tells every client, relays nothing unsaved, and saves and relays the held edits by itself once space is freed', async () => {
    const s = await start()
    const { id } = await createBoardViaApi(s.url)
    const a = connectClient(s.syncUrl, id)
    const b = connectClient(s.syncUrl, id)
    const heardA = notices(a)
    await Promise.all([synced(a), synced(b)])
    records(a).set(createShapeId('before'), shape('before', '花园入口'))
    await waitFor(() => textOf(b, 'before') === '花园入口', 'a saved edit reaches b')

    // Larger than anything SQLite's write-ahead log could still hold in place, so the write
    // really needs new space on the full disk.
    const walBytes = disk!.real ? fs.statSync(path.join(disk!.dir, 'commonground.db-wal')).size : 0
    const held = 'bench '.repeat(Math.ceil(Math.max(300_000, walBytes + 65_536) / 6))
    disk!.fill()
    records(a).set(createShapeId('held'), shape('held', held))

    await waitFor(async () => (await health(s.url)).status === 503, 'healthz reports the failure')
    const failing = await health(s.url)
    expect(failing.body).toMatchObject({ ok: false, code: 'storage_failing', storage: { cause: 'disk_full', unsavedBoards: 1 } })
    expect(failing.body.error).toMatch(/disk .* is full/)
    expect((failing.body.storage as { unsavedBytes: number }).unsavedBytes).toBeGreaterThanOrEqual(held.length)
    await waitFor(() => heardA.at(-1) === true, 'a is told the server cannot save')

    // b does not receive the unsaved edit, nor a later one.
    records(a).set(createShapeId('later'), shape('later', '再加一棵树'))
    await fence(a, b, 'after-edits')
    expect(textOf(b, 'held')).toBeUndefined()
    expect(textOf(b, 'later')).toBeUndefined()

    // Someone opening the board now is told at once, and is not served the unsaved edit either.
    const c = connectClient(s.syncUrl, id)
    const heardC = notices(c)
    await waitFor(() => heardC.includes(true), 'a newcomer is told the server cannot save')
    await fence(a, c, 'c-present')
    expect(textOf(c, 'held')).toBeUndefined()

    disk!.free()
    await waitFor(async () => (await health(s.url)).status === 200, 'the server recovers by itself', 45_000)
    await waitFor(() => textOf(b, 'held') === held && textOf(b, 'later') === '再加一棵树', 'the held edits reach b')
    await waitFor(() => textOf(c, 'held') === held, 'and the newcomer')
    await waitFor(() => heardA.at(-1) === false, 'a is told saving works again')
    expect(heardC.at(-1)).toBe(false)
    // The stock client without our handler was never disturbed by the notices.
    expect(b.closeCodes).toEqual([])

    destroyAllClients()
    await s.restart()
    const d = connectClient(s.syncUrl, id)
    await synced(d)
    expect(textOf(d, 'before')).toBe('花园入口')
    expect(textOf(d, 'held')).toBe(held)
    expect(textOf(d, 'later')).toBe('再加一棵树')
  })

  it('past MAX_UNSAVED_BYTES refuses further edits instead of holding them, and gets them from their senders once saving works again', async () => {
    const s = await start({ maxUnsavedBytes: 200_000 })
    const { id } = await createBoardViaApi(s.url)
    const a = connectClient(s.syncUrl, id)
    const b = connectClient(s.syncUrl, id)
    await Promise.all([synced(a), synced(b)])

    const walBytes = disk!.real ? fs.statSync(path.join(disk!.dir, 'commonground.db-wal')).size : 0
    const big = 'x'.repeat(Math.max(300_000, walBytes + 65_536))
    disk!.fill()
    records(a).set(createShapeId('big'), shape('big', big))
    await waitFor(async () => (await health(s.url)).status === 503, 'storage failing')
    const unsaved = async () => ((await health(s.url)).body.storage as { unsavedBytes: number }).unsavedBytes
    await waitFor(async () => (await unsaved()) >= big.length, 'the big edit is held')
    const heldBytes = await unsaved()
    await fence(a, b, 'after-big')
    expect(textOf(b, 'big')).toBeUndefined()

    // Over the limit: this edit is not taken, so memory does not grow.
    records(a).set(createShapeId('refused'), shape('refused', '不再占内存'))
    await fence(a, b, 'after-refused')
    expect(await unsaved()).toBe(heldBytes)
    expect(textOf(b, 'refused')).toBeUndefined()

    disk!.free()
    await waitFor(async () => (await health(s.url)).status === 200, 'the server recovers by itself', 45_000)
    // The refused edit was only on a's device; the server asks for it again.
    await waitFor(() => textOf(b, 'big') === big && textOf(b, 'refused') === '不再占内存', 'both edits reach b')
    expect(a.closeCodes).toEqual([])

    destroyAllClients()
    await s.restart()
    const d = connectClient(s.syncUrl, id)
    await synced(d)
    expect(textOf(d, 'big')).toBe(big)
    expect(textOf(d, 'refused')).toBe('不再占内存')
  })
})
