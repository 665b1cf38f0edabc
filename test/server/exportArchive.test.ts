import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { seedProject, type Seeded } from './exportTestKit.js'
import { connectClient, destroyAllClients, synced, waitFor } from './syncTestKit.js'
import { api } from './workflowTestKit.js'

async function exportArchive(server: TestServer, s: Seeded, token: string): Promise<Uint8Array> {
  const res = await fetch(`${server.url}/api/projects/${s.room.project.projectId}/export/archive`, { headers: { Authorization: `Bearer ${token}` } })
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('application/zip')
  return new Uint8Array(await res.arrayBuffer())
}

async function importArchive(server: TestServer, bytes: Uint8Array, type = 'application/zip'): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${server.url}/api/projects/import`, { method: 'POST', headers: { 'Content-Type': type }, body: new Uint8Array(bytes) })
  return { status: res.status, body: await res.json() as Record<string, unknown> }
}

/** The archive with some entries changed; the manifest's checksums follow unless `keepManifest`. */
function rewrite(zip: Uint8Array, change: (files: Record<string, Uint8Array>) => void, keepManifest = false): Uint8Array {
  const files = unzipSync(zip)
  const before = { ...files }
  change(files)
  if (!keepManifest) {
    const manifest = JSON.parse(strFromU8(files['manifest.json'])) as { files: Record<string, string> }
    manifest.files = {}
    for (const [name, bytes] of Object.entries(files)) {
      if (name !== 'manifest.json') manifest.files[name] = createHash('sha256').update(bytes).digest('hex')
    }
    if (files['manifest.json'] === before['manifest.json']) files['manifest.json'] = strToU8(JSON.stringify(manifest))
  }
  return zipSync(files)
}

async function snapshotBytes(server: TestServer, projectId: string, moveId: string, token: string): Promise<Buffer> {
  const res = await fetch(`${server.url}/api/projects/${projectId}/moves/${moveId}/snapshot`, { headers: { Authorization: `Bearer ${token}` } })
  expect(res.status).toBe(200)
  return Buffer.from(await res.arrayBuffer())
}

describe('project archive', () => {
  let a: TestServer
  let b: TestServer
  let s: Seeded

  beforeEach(async () => {
    a = await startTestServer()
    b = await startTestServer()
    s = await seedProject(a)
  })

  afterEach(async () => {
    destroyAllClients()
    await a.stop()
    await b.stop()
  })

  it('restores board, history, participation and images exactly on a fresh server, and old links keep working', async () => {
    const id = s.room.project.projectId
    // Board content, then a reopening so a stage move's snapshot holds it too.
    const writer = connectClient(a.syncUrl, id, { token: s.room.organizer.token })
    await synced(writer)
    writer.doc.transact(() => {
      writer.map.set('shape:bench', { type: 'geo', x: 10, y: 20, label: '长椅' })
      writer.doc.getText('notes').insert(0, '树荫下放三张长椅')
    })
    const reopened = await s.room.call(s.room.organizer, 'POST', '/agreement/reopen', { reason: '居民想再看一版' })
    expect(reopened.status).toBe(200)
    writer.map.set('after', 'a change after the last move')
    // Another client sees it: the server has it too.
    const observer = connectClient(a.syncUrl, id, { token: s.room.committee.token })
    await synced(observer)
    await waitFor(() => observer.map.get('after') !== undefined, 'the last change reached the server')

    const zip = await exportArchive(a, s, s.room.committee.token)
    const entries = Object.keys(unzipSync(zip))
    expect(entries).toEqual(expect.arrayContaining(['manifest.json', 'project.json', 'board.bin', `assets/${s.photoSrc.split('/').pop()}`]))
    const manifest = JSON.parse(strFromU8(unzipSync(zip)['manifest.json'])) as Record<string, unknown>
    expect(manifest).toMatchObject({ format: 'commonground-project-archive', formatVersion: 1, projectId: id, appVersion: expect.any(String) })

    const imported = await importArchive(b, zip)
    expect(imported.status).toBe(201)
    expect(imported.body).toMatchObject({ projectId: id, organizerToken: expect.any(String), organizerLink: `/join/${id}#${imported.body.organizerToken as string}` })

    // Old personal tokens work on the new server and see the same project, history and participation.
    for (const who of [s.room.organizer, s.room.committee, s.room.resident]) {
      const [stateA, stateB] = await Promise.all([api(a.url, 'GET', `/api/projects/${id}`, { token: who.token }), api(b.url, 'GET', `/api/projects/${id}`, { token: who.token })])
      expect(stateB).toEqual(stateA)
      const [partA, partB] = await Promise.all([api(a.url, 'GET', `/api/projects/${id}/participation`, { token: who.token }), api(b.url, 'GET', `/api/projects/${id}/participation`, { token: who.token })])
      expect(partB.status).toBe(200)
      expect({ ...partB.body, revision: 0 }).toEqual({ ...partA.body, revision: 0 })
    }
    const dashboard = (server: TestServer) => api(server.url, 'GET', `/api/projects/${id}/dashboard`, { token: s.room.organizer.token })
    expect(await dashboard(b)).toEqual(await dashboard(a))
    const moves = (await api(a.url, 'GET', `/api/projects/${id}`, { token: s.room.organizer.token })).body.moves as { id: string }[]
    expect(moves.length).toBe(5)
    for (const m of moves) {
      expect(await snapshotBytes(b, id, m.id, s.room.organizer.token)).toEqual(await snapshotBytes(a, id, m.id, s.room.organizer.token))
    }

    // The board, through the new organizer link.
    const reader = connectClient(b.syncUrl, id, { token: imported.body.organizerToken as string })
    await synced(reader)
    expect(reader.map.toJSON()).toEqual(writer.map.toJSON())
    expect(reader.doc.getText('notes').toString()).toBe('树荫下放三张长椅')
    expect(Y.encodeStateVector(reader.doc)).toEqual(Y.encodeStateVector(writer.doc))

    // The photo is served from the new server.
    const photoA = Buffer.from(await (await fetch(a.url + s.photoSrc)).arrayBuffer())
    const photoB = await fetch(b.url + s.photoSrc)
    expect(photoB.status).toBe(200)
    expect(Buffer.from(await photoB.arrayBuffer())).toEqual(photoA)

    // Importing it again is refused: the project is there.
    expect(await importArchive(b, zip)).toMatchObject({ status: 409, body: { code: 'project_exists' } })
  })

  it('refuses damaged, foreign, unknown-version and oversized archives with a clear message, leaving nothing behind', async () => {
    const zip = await exportArchive(a, s, s.room.organizer.token)
    const id = s.room.project.projectId
    const expectRefused = async (bytes: Uint8Array, code: string, status = 400) => {
      const res = await importArchive(b, bytes)
      expect(res).toMatchObject({ status, body: { code, error: expect.any(String) } })
      expect((await api(b.url, 'GET', `/api/projects/${id}`, { token: s.room.organizer.token })).status).toBe(404)
      expect(fs.existsSync(path.join(b.dataDir, 'assets', id))).toBe(false)
    }

    await expectRefused(strToU8('this is not a zip file at all'), 'invalid_archive')
    // Changed after export: the checksum gives it away.
    await expectRefused(rewrite(zip, (f) => { f['project.json'] = strToU8(strFromU8(f['project.json']).replace('学林苑', '别的小区')) }, true), 'invalid_archive')
    await expectRefused(rewrite(zip, (f) => { f['../../evil.sh'] = strToU8('rm -rf /') }), 'invalid_archive')
    // A value no server writes (a participant's role "admin"), checksums made to match: the project
    // would not open, so it is not imported at all.
    await expectRefused(rewrite(zip, (f) => {
      const p = JSON.parse(strFromU8(f['project.json'])) as { tables: { participants: { role: string }[] } }
      p.tables.participants[0].role = 'admin'
      f['project.json'] = strToU8(JSON.stringify(p))
    }), 'invalid_archive')
    await expectRefused(rewrite(zip, (f) => {
      const m = JSON.parse(strFromU8(f['manifest.json'])) as Record<string, unknown>
      f['manifest.json'] = strToU8(JSON.stringify({ ...m, formatVersion: 99 }))
    }, true), 'unsupported_archive_version')
    // A row hung onto something outside the archive (another project's need).
    await expectRefused(rewrite(zip, (f) => {
      const p = JSON.parse(strFromU8(f['project.json'])) as { tables: Record<string, Record<string, unknown>[]> }
      p.tables.need_ticks.push({ need_id: 'someone-elses-need', participant_id: 'x', at: 1 })
      f['project.json'] = strToU8(JSON.stringify(p))
    }), 'invalid_archive')
    // An image whose bytes do not match its name.
    await expectRefused(rewrite(zip, (f) => {
      const asset = Object.keys(f).find((n) => n.startsWith('assets/'))!
      f[asset] = f[asset].slice(0, 100)
    }), 'invalid_archive')
    expect(await importArchive(b, zip, 'text/plain')).toMatchObject({ status: 415, body: { code: 'unsupported_media_type' } })
  })

  it('guards against zip bombs and bodies over IMPORT_MAX_BYTES', async () => {
    const zip = await exportArchive(a, s, s.room.organizer.token)
    const small = await startTestServer({ importMaxBytes: 64 * 1024 })
    try {
      // 2 MB of zeros deflate to a few KB: the declared size gives it away before anything is inflated.
      const bomb = rewrite(zip, (f) => { f['board.bin'] = new Uint8Array(2 * 1024 * 1024) })
      expect(bomb.length).toBeLessThan(64 * 1024)
      expect(await importArchive(small, bomb)).toMatchObject({ status: 400, body: { code: 'archive_too_large' } })
      // An entry that claims to be small but inflates to more is cut off at its claim.
      const files = unzipSync(zip)
      files['board.bin'] = new Uint8Array(2 * 1024 * 1024)
      const lying = Buffer.from(zipSync(files))
      patchDeclaredSize(lying, 'board.bin', 1000)
      expect(await importArchive(small, lying)).toMatchObject({ status: 400, body: { code: 'invalid_archive', error: expect.stringContaining('board.bin') } })
      const big = new Uint8Array(65 * 1024)
      expect(await importArchive(small, big)).toMatchObject({ status: 413, body: { code: 'archive_too_large' } })
    } finally {
      await small.stop()
    }
  })

  it('needs an organizer or committee token to export', async () => {
    const url = `${a.url}/api/projects/${s.room.project.projectId}/export/archive`
    expect((await fetch(url)).status).toBe(401)
    expect((await fetch(url, { headers: { Authorization: `Bearer ${s.room.resident.token}` } })).status).toBe(403)
    expect((await fetch(url, { headers: { Authorization: `Bearer ${s.room.expert.token}` } })).status).toBe(403)
  })
})

/** Set the uncompressed size an entry declares in the central directory (and its local header). */
function patchDeclaredSize(zip: Buffer, name: string, size: number): void {
  for (let p = 0; p < zip.length - 46; p++) {
    if (zip.readUInt32LE(p) === 0x02014b50 && zip.toString('utf8', p + 46, p + 46 + zip.readUInt16LE(p + 28)) === name) {
      zip.writeUInt32LE(size, p + 24)
      zip.writeUInt32LE(size, zip.readUInt32LE(p + 42) + 22)
      return
    }
  }
  throw new Error(`no entry ${name}`)
}
