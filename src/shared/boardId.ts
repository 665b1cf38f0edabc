/**
 * Board ids: 22 characters of URL-safe base64 (~128 random bits), made by the server when a board
 * is created. Checked at every entry point (HTTP route, sync URL, asset path) so an id can never
 * smuggle a path separator or a dot into a file name.
 */
export const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/

export function isValidBoardId(id: string): boolean {
  return BOARD_ID_PATTERN.test(id)
}

/** Max length of a board's human name. */
export const BOARD_NAME_MAX = 120
