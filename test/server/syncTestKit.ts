/**
 * Shared pieces of the sync/storage/shutdown integration tests: real y-websocket clients in Node,
 * raw WebSocket clients for hand-made frames, a server started with test seams, and waitFor.
 */
import { randomBytes } from 'node:crypto'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { AuthMessageType, MessageType } from '../../src/shared/protocol.js'
import type { Config } from '../../server/config.js'
import type { StartOptions } from '../../server/app.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import type { Storage } from '../../server/storage/Storage.js'

/** Poll until `condition` holds (or throw with `what` after `timeoutMs`). */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

/** mulberry32: a small, fast, seedable random source, so a randomised test can be replayed from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function newBoardId(): string {
  return randomBytes(16).toString('base64url')
}

export async function createBoard(storage: Storage, name = 'Test board'): Promise<string> {
  const id = newBoardId()
  await storage.createBoard({ id, name, createdAt: Date.now() })
  return id
}

export interface Client {
  doc: Y.Doc
  provider: WebsocketProvider
  map: Y.Map<unknown>
  /** Close codes of every connection this client saw closed by the server. */
  closeCodes: number[]
  destroy(): void
}

const clients = new Set<Client>()

/** A real, unmodified y-websocket client. BroadcastChannel is off so clients only meet via the server. */
export function connectClient(syncUrl: string, boardId: string, params: Record<string, string> = {}): Client {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(syncUrl, boardId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params,
  })
  const closeCodes: number[] = []
  provider.on('connection-close', (event) => { if (event) closeCodes.push(event.code) })
  const client: Client = {
    doc,
    provider,
    map: doc.getMap('test'),
    closeCodes,
    destroy() {
      clients.delete(client)
      provider.destroy()
      doc.destroy()
    },
  }
  clients.add(client)
  return client
}

export async function synced(client: Client): Promise<void> {
  await waitFor(() => client.provider.synced, 'client synced')
}

/** Cut a client off the way a dropped network does: no goodbye, no reconnect. */
export function dropClient(client: Client): void {
  client.provider.shouldConnect = false
  ;(client.provider.ws as unknown as WebSocket | null)?.terminate()
}

export function destroyAllClients(): void {
  for (const c of [...clients]) c.destroy()
}

/** A raw WebSocket to the sync endpoint, recording what it receives. */
export interface RawSocket {
  ws: WebSocket
  messages: Uint8Array[]
  closed: Promise<{ code: number; reason: string }>
}

export async function openRaw(syncUrl: string, boardId: string): Promise<RawSocket> {
  const ws = new WebSocket(`${syncUrl}/${boardId}`)
  const messages: Uint8Array[] = []
  ws.on('message', (data) => messages.push(new Uint8Array(data as Buffer)))
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })))
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  return { ws, messages, closed }
}

/** The HTTP status with which the server refused to upgrade. */
export function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url)
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0)
      ws.terminate()
    })
    ws.on('open', () => {
      ws.terminate()
      reject(new Error('upgrade was accepted'))
    })
    ws.on('error', reject)
  })
}

export type SeamedServer = TestServer

/** startTestServer with the server's seams (storage wrapper, authorize) and a quiet log. */
export function startSeamedServer(options: StartOptions, overrides: Partial<Config> = {}): Promise<SeamedServer> {
  return startTestServer(overrides, { log: (l: string) => { if (process.env.CG_LOG) console.log(l) }, ...options })
}

/** A promise with its resolve exposed, to hold a storage call until the test lets it go. */
export interface Gate { promise: Promise<void>; open: () => void }

export function gate(): Gate {
  let open!: () => void
  const promise = new Promise<void>((r) => { open = r })
  return { promise, open }
}

/** Read what storage holds for a board into a fresh doc. */
export async function storedDoc(storage: Storage, boardId: string): Promise<{ doc: Y.Doc; updates: number; hasSnapshot: boolean }> {
  const stored = await storage.loadDoc(boardId)
  const doc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
  for (const u of stored.updates) Y.applyUpdate(doc, u)
  return { doc, updates: stored.updates.length, hasSnapshot: stored.snapshot !== null }
}

/** Storage that forwards to the real one, with knobs to hold or fail calls. */
export class ControlledStorage implements Storage {
  loadCalls = 0
  appendCalls = 0
  compactCalls = 0
  compactSuccesses = 0
  /** Set one to hold that kind of call until the gate is opened. */
  loadGate: Gate | undefined
  compactGate: Gate | undefined
  appendGate: Gate | undefined
  failWrites = false

  constructor(private readonly inner: Storage) {}

  /** Let every held call go and stop failing, so a test's cleanup can flush and close. */
  releaseAll(): void {
    for (const g of [this.loadGate, this.compactGate, this.appendGate]) g?.open()
    this.loadGate = this.compactGate = this.appendGate = undefined
    this.failWrites = false
  }

  createBoard: Storage['createBoard'] = (b) => this.inner.createBoard(b)
  getBoard: Storage['getBoard'] = (id) => this.inner.getBoard(id)
  countBoards: Storage['countBoards'] = () => this.inner.countBoards()
  close: Storage['close'] = () => this.inner.close()
  loadRefusedClients: Storage['loadRefusedClients'] = (id) => this.inner.loadRefusedClients(id)
  refuseClients: Storage['refuseClients'] = (id, clients) => this.inner.refuseClients(id, clients)

  async loadDoc(id: string) {
    this.loadCalls++
    await this.loadGate?.promise
    return this.inner.loadDoc(id)
  }

  async appendUpdates(...args: Parameters<Storage['appendUpdates']>) {
    this.appendCalls++
    await this.appendGate?.promise
    if (this.failWrites) throw new Error('disk full (test)')
    return this.inner.appendUpdates(...args)
  }

  async compact(...args: Parameters<Storage['compact']>) {
    this.compactCalls++
    await this.compactGate?.promise
    if (this.failWrites) throw new Error('disk full (test)')
    await this.inner.compact(...args)
    this.compactSuccesses++
  }
}

/** The code and reason of a server's `refused` message (auth sub-type 2, docs/protocol.md "Refused updates"). */
export function readRefusal(message: Uint8Array): { code: string; reason: string } {
  const d = decoding.createDecoder(message)
  if (decoding.readVarUint(d) !== MessageType.auth) throw new Error('not an auth message')
  const sub = decoding.readVarUint(d)
  if (sub !== AuthMessageType.refused) return { code: `auth:${sub}`, reason: '' }
  return { code: decoding.readVarString(d), reason: decoding.readVarString(d) }
}

/** A tldraw rectangle record that passes tldraw's validators (project boards check every record). */
export function geoShape(id: string, x: number, text = ''): { id: string; x: number } & Record<string, unknown> {
  return {
    id, typeName: 'shape', type: 'geo', parentId: 'page:page', index: 'a1',
    x, y: 100, rotation: 0, isLocked: false, opacity: 1, meta: {},
    props: {
      geo: 'rectangle', w: 200, h: 140, color: 'black', labelColor: 'black', fill: 'none', dash: 'draw', size: 'm',
      font: 'draw', align: 'middle', verticalAlign: 'middle', growY: 0, url: '', scale: 1, flipX: false, flipY: false,
      richText: { type: 'doc', content: [{ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] }] },
    },
  }
}

/** One entry of a hand-written awareness message: a client id, its clock, its state (null: removed). */
export interface Announce { id: number; clock: number; state: Record<string, unknown> | null }

/** An awareness update (y-protocols encoding) with entries written by hand. */
export function awarenessUpdate(entries: Announce[]): Uint8Array {
  const u = encoding.createEncoder()
  encoding.writeVarUint(u, entries.length)
  for (const { id, clock, state } of entries) {
    encoding.writeVarUint(u, id)
    encoding.writeVarUint(u, clock)
    encoding.writeVarString(u, JSON.stringify(state))
  }
  return encoding.toUint8Array(u)
}

/** One awareness message with entries written by hand, the way a script would. */
export function awarenessFrame(entries: Announce[]): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MessageType.awareness)
  encoding.writeVarUint8Array(e, awarenessUpdate(entries))
  return encoding.toUint8Array(e)
}
