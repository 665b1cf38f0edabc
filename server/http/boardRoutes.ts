/**
 * POST /api/boards (create a board from a name; the server makes the id) and GET /api/boards/:id.
 */
import { randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Storage } from '../storage/Storage.js'
import type { BoardInfo } from '../../src/shared/api.js'
import { BOARD_NAME_MAX, isValidBoardId } from '../../src/shared/boardId.js'
import { isObject } from '../../src/shared/guards.js'
import { ensureBoardCapacity } from './boardCapacity.js'
import { boardNotFound, invalidBoardId } from './boardErrors.js'
import { HttpError } from './HttpError.js'
import { readBody } from './readBody.js'
import { sendJson } from './respond.js'
import type { Handler } from './router.js'

/** A board name is a few words; anything bigger is not a board creation request. */
export const MAX_JSON_BODY_BYTES = 16 * 1024

/**
 * Security decision: ids are 128 random bits from the OS's CSPRNG. A board link is the only key to
 * a board, so an id must not be guessable or enumerable.
 */
export function newBoardId(): string {
  return randomBytes(16).toString('base64url')
}

export function createBoardHandler(storage: Storage, maxBoards = 0): Handler {
  return async ({ req, res }) => {
    const name = parseBoardName(await readJsonBody(req))
    await ensureBoardCapacity(() => storage.countBoards(), maxBoards)
    const board: BoardInfo = { id: newBoardId(), name, createdAt: Date.now() }
    await storage.createBoard(board)
    sendJson(res, 201, board, { Location: `/api/boards/${board.id}` })
  }
}

export function getBoardHandler(storage: Storage): Handler {
  return async ({ res, params }) => {
    if (!isValidBoardId(params.id)) throw invalidBoardId()
    const stored = await storage.getBoard(params.id)
    if (!stored) throw boardNotFound()
    const board: BoardInfo = { id: stored.id, name: stored.name, createdAt: stored.createdAt }
    // Revalidated on every visit; the service worker keeps a copy for offline reloads.
    sendJson(res, 200, board, { 'Cache-Control': 'no-cache' })
  }
}

export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const mediaType = (req.headers['content-type'] ?? '').split(';', 1)[0].trim().toLowerCase()
  if (mediaType !== 'application/json') {
    throw new HttpError(415, 'unsupported_media_type', 'Send the request body as JSON with the header Content-Type: application/json.')
  }
  const bytes = await readBody(req, MAX_JSON_BODY_BYTES, () => new HttpError(413, 'body_too_large',
    `The request body is too large; it may be at most ${MAX_JSON_BODY_BYTES / 1024} KB.`))
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new HttpError(400, 'invalid_json', 'The request body is not valid UTF-8 text; send JSON such as {"name": "…"}.')
  }
  try {
    const body: unknown = JSON.parse(text)
    return body
  } catch {
    throw new HttpError(400, 'invalid_json', 'The request body is not valid JSON; send an object such as {"name": "…"}.')
  }
}

function parseBoardName(body: unknown): string {
  const raw = isObject(body) ? body.name : undefined
  if (typeof raw !== 'string') {
    throw new HttpError(400, 'invalid_board_name', 'Give the board a name: send {"name": "…"} with a text name.')
  }
  const name = raw.trim()
  if (name.length === 0) throw new HttpError(400, 'invalid_board_name', 'The board name is empty; give the board a name.')
  // Counted in characters (code points), so a name in Chinese or with emoji gets the full length.
  if ([...name].length > BOARD_NAME_MAX) {
    throw new HttpError(400, 'invalid_board_name', `The board name is too long; use at most ${BOARD_NAME_MAX} characters.`)
  }
  // Control characters (newlines, NUL…) have no place in a one-line title and could garble logs.
  if (/\p{Cc}/u.test(name)) {
    throw new HttpError(400, 'invalid_board_name', 'The board name may not contain line breaks or control characters.')
  }
  return name
}
