/**
 * GET /api/projects/<id>/export/archive: the whole project as one ZIP (fflate), streamed to the
 * response entry by entry so a board with many photos is never held in memory twice:
 * project.json (every row of the project, projectTables.ts), board.bin (the live board as one Yjs
 * update), snapshots/<moveId>.bin (the board at each stage move), assets/<file> (every uploaded
 * image, stored uncompressed: they are JPEG/PNG already) and, last, manifest.json with the sha256
 * of every other entry.
 */
import { createHash } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import type { SqlDb } from '../storage/sql/SqlDb.js'
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate'
import { ARCHIVE_FORMAT, ARCHIVE_FORMAT_VERSION, type ArchiveManifest } from '../../src/shared/exportApi.js'
import type { AssetStore } from '../storage/AssetStore.js'
import { appVersion } from './appVersion.js'
import { readProjectRows, schemaVersions } from './projectTables.js'
import { archiveWorkspace, type ArchiveWorkspace } from '../workspace/archiveWorkspace.js'

export interface ArchiveSource {
  db: SqlDb
  /** The uploaded images. */
  assets: AssetStore
  /** The board's full state as one update (SyncServer.boardState: from memory when loaded). */
  boardState: (boardId: string) => Promise<Uint8Array>
}

/** What project.json holds. */
export interface ArchiveProject {
  /** Database schema versions the rows were written with (storage, workflow, participation). */
  schema: Record<string, number>
  tables: Record<string, Record<string, unknown>[]>
  /** The project's workspace and the resources its needs were matched to, if it is in one (not imported). */
  workspace?: ArchiveWorkspace
}

export interface ArchiveManifestFile extends ArchiveManifest {
  schema: Record<string, number>
}

export async function writeArchive(source: ArchiveSource, projectId: string, res: ServerResponse, headers: Record<string, string>): Promise<void> {
  // Everything from the database first, in one read transaction, so the rows agree with each other.
  const { tables, blobs } = readProjectRows(source.db, projectId)
  const schema = schemaVersions(source.db)
  const workspace = archiveWorkspace(source.db, projectId)
  const board = await source.boardState(projectId)
  const assetFiles = await source.assets.list(projectId)

  res.writeHead(200, { 'Content-Type': 'application/zip', 'Cache-Control': 'no-store', ...headers })
  const hashes: Record<string, string> = {}
  let failed: Error | undefined
  const zip = new Zip((err, chunk, final) => {
    if (err) {
      failed = err
      return
    }
    res.write(chunk)
    if (final) res.end()
  })
  const add = async (name: string, bytes: Uint8Array, compress: boolean) => {
    if (failed) throw failed
    if (res.destroyed) throw new Error('the client went away during the archive download')
    hashes[name] = createHash('sha256').update(bytes).digest('hex')
    const entry = compress ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name)
    zip.add(entry)
    entry.push(bytes, true)
    // Backpressure: a slow phone connection must not make us buffer the whole archive.
    if (res.writableNeedDrain) await drainedOrClosed(res)
  }

  const project: ArchiveProject = { schema, tables, ...(workspace && { workspace }) }
  await add('project.json', Buffer.from(JSON.stringify(project)), true)
  await add('board.bin', board, true)
  for (const [file, bytes] of blobs) await add(file, bytes, true)
  for (const file of assetFiles) {
    const bytes = await source.assets.read(projectId, file).catch(() => undefined)
    // An asset removed meanwhile is simply not in the archive; nothing refers to files by listing.
    if (bytes) await add(`assets/${file}`, bytes, false)
  }
  const manifest: ArchiveManifestFile = {
    format: ARCHIVE_FORMAT, formatVersion: ARCHIVE_FORMAT_VERSION, exportedAt: Date.now(), appVersion: appVersion(),
    projectId, files: hashes, schema,
  }
  await add('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2)), true)
  zip.end()
  if (failed) throw failed
}

/** Lifecycle edge: a client that goes away never drains; 'close' ends the wait too (the next add() then stops). */
function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done)
      res.off('close', done)
      resolve()
    }
    res.on('drain', done)
    res.on('close', done)
  })
}
