/**
 * POST /api/projects/import: restore a project archive (writeArchive.ts) on this server, exactly as
 * it was — same project id, board, history with snapshots, participation, uploaded images, links and
 * participants. Every part is checked before anything is written; then the images are stored and all
 * rows go in one transaction, so a refused or failed import leaves nothing behind.
 *
 * Decision (docs/api.md): links and personal tokens are restored as stored (only their hashes ever
 * were), so the links people already hold keep working on the new server unless they were revoked or
 * expired. The importer also gets a NEW organizer link, since they may not hold the old tokens.
 */
import { createHash } from 'node:crypto'
import type { SqlDb } from '../storage/sql/SqlDb.js'
import * as Y from 'yjs'
import { sniffImageType, IMAGE_EXTENSION } from '../../src/shared/assets.js'
import { isValidBoardId } from '../../src/shared/boardId.js'
import type { ErrorCode } from '../../src/shared/errorCodes.js'
import { isObject } from '../../src/shared/guards.js'
import { ARCHIVE_FORMAT, ARCHIVE_FORMAT_VERSION } from '../../src/shared/exportApi.js'
import type { AssetStore } from '../storage/AssetStore.js'
import { ASSET_FILE_PATTERN } from '../storage/assetFiles.js'
import { errorMessage } from '../storage/errorDetails.js'
import { isConstraintViolation } from '../storage/sql/sqlErrors.js'
import { CorruptRowError } from '../storage/storedValue.js'
import { ExportError } from './ExportError.js'
import { PROJECT_TABLES, tableColumns, type Row } from './projectTables.js'
import { listZip, readZipEntry, ZipFormatError, type ZipEntry } from './zipReader.js'

const MAX_ENTRIES = 20_000
const MAX_JSON_BYTES = 256 * 1024 * 1024
const ENTRY_NAME = /^(manifest\.json|project\.json|board\.bin|snapshots\/[A-Za-z0-9_-]{1,64}\.bin|assets\/[a-f0-9]{64}\.(png|jpg|webp|gif))$/

export interface ImportTarget {
  db: SqlDb
  /** Where the archive's images are stored. */
  assets: AssetStore
  /** Largest accepted archive; the inflated contents may be at most 2× this (photos barely compress; memory holds them all during the checks). */
  maxBytes: number
  /** This server's imports in progress (one per server, made by app.ts). */
  importing: ImportsInProgress
  /**
   * Reads the imported project back the way the server will serve it, inside the import's
   * transaction: a value the row checks let through but the stores refuse (a role or stage no
   * server writes) throws, and the import is undone and refused instead of leaving a project that
   * cannot be opened.
   */
  readBack?: (projectId: string) => void
}

/**
 * Ids of the projects being imported into one server right now: a second import of the same
 * archive waits for nothing, it gets 409. Per server, not per process, so that two servers in one
 * process (tests) do not refuse each other's imports.
 */
export type ImportsInProgress = Set<string>

function bad(message: string, code: ErrorCode = 'invalid_archive'): ExportError {
  return new ExportError(400, code, `This archive cannot be imported: ${message}. Export the project again from the server it came from.`)
}

/** Restore the archive; returns the project id. Throws ExportError 400/409 with what is wrong. */
export async function importArchive(target: ImportTarget, zipBytes: Buffer): Promise<string> {
  const { db, assets: store, importing } = target
  let entries: ZipEntry[]
  try {
    entries = listZip(zipBytes, MAX_ENTRIES)
  } catch (err) {
    if (err instanceof ZipFormatError) throw bad(err.message)
    throw err
  }

  // Zip-bomb guard: names and declared sizes are checked before a single byte is inflated.
  const byName = new Map<string, ZipEntry>()
  let declared = 0
  for (const e of entries) {
    if (!ENTRY_NAME.test(e.name)) throw bad(`it contains an unexpected file "${e.name.slice(0, 100)}"`)
    if (byName.has(e.name)) throw bad(`it contains "${e.name}" twice`)
    if (e.name.endsWith('.json') && e.size > MAX_JSON_BYTES) throw bad(`${e.name} is too large`)
    declared += e.size
    byName.set(e.name, e)
  }
  if (declared > target.maxBytes * 2) throw bad('its contents unpack to more than this server accepts', 'archive_too_large')
  const read = (name: string): Buffer => {
    const entry = byName.get(name)
    if (!entry) throw bad(`${name} is missing`)
    try {
      return readZipEntry(zipBytes, entry)
    } catch (err) {
      if (err instanceof ZipFormatError) throw bad(err.message)
      throw err
    }
  }

  const manifest = parseJson(read('manifest.json'), 'manifest.json')
  if (manifest.format !== ARCHIVE_FORMAT) throw bad('it is not a CommonGround project archive (manifest.json has another format)')
  if (manifest.formatVersion !== ARCHIVE_FORMAT_VERSION) {
    throw new ExportError(400, 'unsupported_archive_version',
      `This archive is in format version ${JSON.stringify(manifest.formatVersion)}; this server reads version ${ARCHIVE_FORMAT_VERSION}. Import it on a CommonGround server of the version that wrote it (${String(manifest.appVersion ?? 'unknown')}), or update this server.`)
  }
  const projectId = manifest.projectId
  if (typeof projectId !== 'string' || !isValidBoardId(projectId)) throw bad('manifest.json has no valid project id')
  const hashes = manifest.files
  if (!hashes || typeof hashes !== 'object') throw bad('manifest.json lists no files')
  const hashOf = new Map<string, unknown>(Object.entries(hashes))
  const listed = new Set(hashOf.keys())
  for (const name of byName.keys()) {
    if (name !== 'manifest.json' && !listed.has(name)) throw bad(`${name} is not listed in manifest.json`)
  }
  const files = new Map<string, Buffer>()
  for (const name of listed) {
    const bytes = read(name)
    if (createHash('sha256').update(bytes).digest('hex') !== hashOf.get(name)) {
      throw bad(`${name} does not match its checksum (the file was changed or damaged)`)
    }
    files.set(name, bytes)
  }

  const project = parseJson(files.get('project.json') ?? read('project.json'), 'project.json')
  const tables = project.tables
  if (!isObject(tables)) throw bad('project.json holds no tables')
  const rows = checkRows(db, tables, projectId, files)
  const board = files.get('board.bin')
  if (!board) throw bad('board.bin is missing')
  checkYjsUpdate(board, 'board.bin')
  for (const [name, bytes] of files) if (name.startsWith('snapshots/')) checkYjsUpdate(bytes, name)
  const assets = [...files].filter(([name]) => name.startsWith('assets/')).map(([name, bytes]) => checkAsset(name.slice('assets/'.length), bytes))

  if (importing.has(projectId) || exists(db, projectId)) {
    throw new ExportError(409, 'project_exists', 'This server already has this project (same id); open it with its links instead of importing it again.')
  }
  importing.add(projectId)
  const hadAssets = (await store.list(projectId)).length > 0
  try {
    for (const a of assets) await store.save(projectId, a.bytes, a.type)
    insertRows(db, rows, projectId, board, target.readBack)
  } catch (err) {
    // Nothing left behind: the transaction rolled back; images stored just now go too. Race: with
    // several instances the same archive can be imported on two at once; both pass the check above,
    // the second's rows then clash with the first's. The images are the first's now (same names,
    // same bytes), so they stay when the project exists.
    if (!hadAssets && !exists(db, projectId)) await store.removeBoard(projectId)
    if (err instanceof CorruptRowError) throw bad(`project.json holds a value this server never writes (${err.message})`)
    if (isConstraintViolation(err)) {
      throw new ExportError(409, 'archive_conflict',
        `This archive clashes with data already on this server (${errorMessage(err)}); it may have been imported here under another project.`)
    }
    throw err
  } finally {
    importing.delete(projectId)
  }
  return projectId
}

function parseJson(bytes: Buffer, name: string): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(bytes.toString('utf8'))
  } catch {
    throw bad(`${name} is not valid JSON`)
  }
  if (!isObject(value)) throw bad(`${name} is not a JSON object`)
  return value
}

function exists(db: SqlDb, id: string): boolean {
  return db.prepare('SELECT 1 FROM boards WHERE id = ?').get(id) !== undefined
}

interface CheckedTable {
  name: string
  columns: string[]
  rows: unknown[][]
}

/**
 * Every table of the archive against this server's schema: known tables and columns only, required
 * columns present, plain values, every row of this project, and every child row's parent in the
 * archive too. Security: without the last two checks an archive could hang rows (ticks, ballots,
 * participants) onto another project already on this server.
 */
function checkRows(db: SqlDb, tables: Record<string, unknown>, projectId: string, files: Map<string, Buffer>): CheckedTable[] {
  const known = new Set(PROJECT_TABLES.map((t) => t.name))
  for (const name of Object.keys(tables)) if (!known.has(name)) throw bad(`project.json has an unknown table "${name.slice(0, 60)}" (written by a newer CommonGround?)`)
  const idsOf = new Map<string, Set<unknown>>()
  const rowsOf = new Map<string, Row[]>()
  const checked: CheckedTable[] = []
  for (const spec of PROJECT_TABLES) {
    const raw: unknown = tables[spec.name] ?? (spec.optional ? [] : undefined)
    if (!Array.isArray(raw)) throw bad(`project.json has no "${spec.name}" table`)
    const rawRows: readonly unknown[] = raw
    const columns = tableColumns(db, spec.name)
    const names = columns.map((c) => c.name)
    const out: unknown[][] = []
    const rows: Row[] = []
    for (const r of rawRows) {
      if (!isObject(r)) throw bad(`a row of "${spec.name}" is not an object`)
      for (const key of Object.keys(r)) {
        if (!names.includes(key)) throw bad(`"${spec.name}" has an unknown column "${key.slice(0, 60)}" (written by a newer CommonGround?)`)
      }
      const values = columns.map((c) => {
        let v = r[c.name]
        if (v === undefined) {
          if (c.notNull && !c.hasDefault) throw bad(`a row of "${spec.name}" lacks "${c.name}"`)
          v = null
        }
        const blobFile = spec.blobs?.[c.name]
        if (blobFile) {
          const file = isObject(v) ? v.file : undefined
          if (typeof file !== 'string' || file !== blobFile(r) || !files.has(file)) throw bad(`a row of "${spec.name}" names a missing file`)
          return files.get(file)!
        }
        if (v !== null && typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v))) {
          throw bad(`"${spec.name}.${c.name}" holds a value that is neither text nor a number`)
        }
        return v
      })
      if (names.includes('project_id') && r.project_id !== projectId) throw bad(`a row of "${spec.name}" belongs to another project`)
      if ((spec.name === 'boards' || spec.name === 'projects') && r.id !== projectId) throw bad(`"${spec.name}" names another project`)
      if (spec.parent) {
        const parents = idsOf.get(spec.parent.table)
        if (!parents?.has(r[spec.parent.column])) throw bad(`a row of "${spec.name}" refers to a ${spec.parent.table} row that is not in the archive`)
      }
      out.push(values)
      rows.push(r)
    }
    if ((spec.name === 'boards' || spec.name === 'projects') && out.length !== 1) throw bad(`"${spec.name}" must hold exactly this project`)
    if (names.includes('id')) idsOf.set(spec.name, new Set(rows.map((r) => r.id)))
    rowsOf.set(spec.name, rows)
    checked.push({ name: spec.name, columns: names, rows: out })
  }
  // References that are not parent/child but must stay inside the project as well.
  const refs: [string, string, string][] = [
    ['participants', 'link_id', 'links'], ['option_needs', 'need_id', 'needs'],
    ['paper_batches', 'vote_id', 'votes'], ['vote_clashes', 'vote_id', 'votes'],
  ]
  for (const [table, column, parent] of refs) {
    const parents = idsOf.get(parent)!
    for (const r of rowsOf.get(table) ?? []) {
      if (!parents.has(r[column])) throw bad(`a row of "${table}" refers to a ${parent} row that is not in the archive`)
    }
  }
  return checked
}

function checkYjsUpdate(bytes: Uint8Array, name: string): void {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, bytes)
  } catch {
    throw bad(`${name} is not a readable board`)
  } finally {
    doc.destroy()
  }
}

function checkAsset(file: string, bytes: Buffer) {
  const type = sniffImageType(bytes)
  const sha = createHash('sha256').update(bytes).digest('hex')
  // The name must be what this server would have named these bytes (saveAsset), nothing else.
  if (!ASSET_FILE_PATTERN.test(file) || !type || file !== `${sha}.${IMAGE_EXTENSION[type]}`) {
    throw bad(`the image assets/${file.slice(0, 80)} does not match its name`)
  }
  return { bytes: new Uint8Array(bytes), type }
}

/**
 * All rows and the board in one transaction. Why not through the Storage interface for the board:
 * the board row, its snapshot and the project rows must appear together or not at all, and the
 * workflow tables live in this same SQLite file anyway.
 */
function insertRows(db: SqlDb, tables: CheckedTable[], projectId: string, board: Buffer, readBack?: (projectId: string) => void): void {
  db.transaction(() => {
    for (const t of tables) {
      if (t.rows.length === 0) continue
      const insert = db.prepare(`INSERT INTO ${t.name} (${t.columns.join(', ')}) VALUES (${t.columns.map(() => '?').join(', ')})`)
      for (const values of t.rows) insert.run(...values)
      if (t.name === 'boards') {
        db.prepare('INSERT INTO snapshots (board_id, state, updated_at) VALUES (?, ?, ?)').run(projectId, board, Date.now())
      }
    }
    readBack?.(projectId)
  })()
}
