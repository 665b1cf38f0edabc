/** The two board refusals every /api/boards/:id route shares. */
import { HttpError } from './HttpError.js'

export function invalidBoardId(): HttpError {
  return new HttpError(400, 'invalid_board_id',
    'This is not a valid board id; board ids are 8–64 letters, digits, "-" or "_", as in a board link /b/<boardId>.')
}

export function boardNotFound(): HttpError {
  return new HttpError(404, 'board_not_found', 'No board with this id exists on this server; check the link.')
}
