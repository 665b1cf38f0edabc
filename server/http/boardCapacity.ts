/**
 * MAX_BOARDS: every way of creating a board (POST /api/boards, POST /api/projects, POST
 * /api/projects/import) asks here first and is refused with 507 when the server is full.
 */
import { HttpError } from './HttpError.js'

/** Throws 507 `board_limit_reached` when `count` boards already fill `maxBoards` (0 = no limit). */
export async function ensureBoardCapacity(count: () => number | Promise<number>, maxBoards: number): Promise<void> {
  if (maxBoards === 0) return
  // Why no lock: the limit protects the disk, not an exact number. Requests that count at the very
  // same moment may each create one more board; that overshoot is bounded by the rate limits.
  if ((await count()) < maxBoards) return
  throw new HttpError(507, 'board_limit_reached',
    `This server already holds its maximum of ${maxBoards} boards (MAX_BOARDS); ask whoever runs it to raise the limit or remove old boards.`)
}
