import { afterEach, describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { CloseCode, MessageType } from '../../src/shared/protocol.js'
import { AuthorizationError, type Authorize } from '../../server/sync/authorize.js'
import {
  connectClient, createBoard, destroyAllClients, openRaw, startSeamedServer, storedDoc, synced,
  upgradeStatus, waitFor, type SeamedServer,
  readRefusal,
} from './syncTestKit.js'

function syncUpdateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MessageType.sync)
  encoding.writeVarUint(e, 2) // y-protocols messageYjsUpdate
  encoding.writeVarUint8Array(e, update)
  return encoding.toUint8Array(e)
}

function validUpdate(key: string, value: unknown): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('test').set(key, value)
  return Y.encodeStateAsUpdate(doc)
}

describe('bad frames', () => {
  let server: SeamedServer

  afterEach(async () => {
    destroyAllClients()
    await server.stop()
  })

  it.each([
    ['an undecodable frame', Uint8Array.of(0xff, 0xff, 0xff)],
    ['an unknown message type', Uint8Array.of(7, 0)],
    ['an unknown sync step', Uint8Array.of(MessageType.sync, 9, 0)],
    ['an invalid Yjs update', syncUpdateFrame(Uint8Array.of(1, 2, 3, 4, 5))],
    ['a truncated awareness update', Uint8Array.of(MessageType.awareness, 5, 1)],
  ])('closes the sender of %s with 4400 and leaves the others alone', async (_what, frame) => {
    server = await startSeamedServer({})
    const boardId = await createBoard(server.running.storage)
    const a = connectClient(server.syncUrl, boardId)
    const b = connectClient(server.syncUrl, boardId)
    await Promise.all([synced(a), synced(b)])
    const raw = await openRaw(server.syncUrl, boardId)

    raw.ws.send(frame)
    const closed = await raw.closed
    expect(closed.code).toBe(CloseCode.badMessage)
    expect(closed.reason).not.toBe('')

    a.map.set('still', 'working')
    await waitFor(() => b.map.get('still') === 'working', 'the others keep syncing')
    expect(a.closeCodes).toEqual([])
    const stored = await storedDoc(server.running.storage, boardId)
    expect(stored.doc.getMap('test').toJSON()).toEqual({ still: 'working' })
  })

  it('closes a connection that sends a frame over MAX_MESSAGE_BYTES with 4413', async () => {
    server = await startSeamedServer({}, { maxMessageBytes: 1024 })
    const boardId = await createBoard(server.running.storage)
    const raw = await openRaw(server.syncUrl, boardId)
    raw.ws.send(syncUpdateFrame(validUpdate('big', 'x'.repeat(1500))))
    expect((await raw.closed).code).toBe(CloseCode.tooLarge)
    const stored = await storedDoc(server.running.storage, boardId)
    expect(stored.doc.getMap('test').has('big')).toBe(false)
  })

  it('answers query-awareness with the states of everyone present', async () => {
    server = await startSeamedServer({})
    const boardId = await createBoard(server.running.storage)
    const a = connectClient(server.syncUrl, boardId)
    await synced(a)
    a.provider.awareness.setLocalState({ user: { name: 'A' } })
    const raw = await openRaw(server.syncUrl, boardId)
    await waitFor(() => raw.messages.some((m) => m[0] === MessageType.awareness), 'greeting received')
    raw.messages.length = 0
    raw.ws.send(Uint8Array.of(MessageType.queryAwareness))
    await waitFor(() => raw.messages.some((m) => m[0] === MessageType.awareness), 'awareness reply')
    const reply = raw.messages.find((m) => m[0] === MessageType.awareness)!
    const d = decoding.createDecoder(reply)
    decoding.readVarUint(d)
    const update = decoding.readVarUint8Array(d)
    expect(new TextDecoder().decode(update)).toContain('"name":"A"')
  })
})

describe('authorization seam', () => {
  let server: SeamedServer

  afterEach(async () => {
    destroyAllClients()
    await server.stop()
  })

  /** `?role=viewer` may read, `?role=editor` may write, anything else is refused. */
  const byRole: Authorize = async (req) => {
    const role = new URL(req.url ?? '', 'http://x').searchParams.get('role')
    if (role === 'viewer') return { canWrite: () => false }
    if (role === 'editor') return { canWrite: () => true }
    throw new AuthorizationError(401, 'A role is required')
  }

  it('refuses the upgrade when authorize rejects', async () => {
    server = await startSeamedServer({ authorize: byRole })
    const boardId = await createBoard(server.running.storage)
    expect(await upgradeStatus(`${server.syncUrl}/${boardId}`)).toBe(401)
  })

  it('refuses a read-only connection\'s changes and tells it why each time', async () => {
    server = await startSeamedServer({ authorize: byRole })
    const boardId = await createBoard(server.running.storage)
    const editor = connectClient(server.syncUrl, boardId, { role: 'editor' })
    await synced(editor)
    editor.provider.awareness.setLocalState({ user: { name: 'Editor' } })
    editor.map.set('by-editor', 1)
    const viewer = connectClient(server.syncUrl, boardId, { role: 'viewer' })
    await waitFor(() => viewer.map.get('by-editor') === 1, 'the viewer reads the board')

    const raw = await openRaw(`${server.syncUrl}`, `${boardId}?role=viewer`)
    await waitFor(() => raw.messages.some((m) => m[0] === MessageType.awareness), 'greeting received')
    raw.messages.length = 0
    raw.ws.send(syncUpdateFrame(validUpdate('by-viewer', 1)))
    raw.ws.send(syncUpdateFrame(validUpdate('by-viewer-again', 2)))
    await waitFor(() => raw.messages.some((m) => m[0] === MessageType.auth), 'refusal sent')
    // Both updates were handled before this point: the second message of a connection follows its first.
    raw.ws.send(Uint8Array.of(MessageType.queryAwareness))
    await waitFor(() => raw.messages.some((m) => m[0] === MessageType.awareness), 'later message handled')
    const refusals = raw.messages.filter((m) => m[0] === MessageType.auth).map(readRefusal)
    expect(refusals.map((r) => r.code)).toEqual(['read_only', 'read_only'])

    const late = connectClient(server.syncUrl, boardId, { role: 'editor' })
    await synced(late)
    expect(late.map.toJSON()).toEqual({ 'by-editor': 1 })
    const stored = await storedDoc(server.running.storage, boardId)
    expect(stored.doc.getMap('test').toJSON()).toEqual({ 'by-editor': 1 })
  })
})
