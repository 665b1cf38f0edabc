/**
 * Where uploaded images are kept: files under DATA_DIR (FileAssetStore, the default) or PostgreSQL
 * (PgAssetStore, with DATABASE_URL, so that every instance reads what any instance stored). Both
 * name an image by its content: `<sha256>.<ext>` (ASSET_FILE_PATTERN, assetFiles.ts), computed from
 * the bytes and the sniffed type, never from anything the client sent; the same image is kept once
 * per board.
 *
 * Callers pass a board id checked by isValidBoardId and, to read, a name matching
 * ASSET_FILE_PATTERN; a name that is not stored for that board reads as undefined (never another
 * board's image of the same name).
 */
import type { AllowedImageType } from '../../src/shared/assets.js'

export interface AssetStore {
  /** Store the image durably (if not stored already) and return its name. */
  save(boardId: string, bytes: Uint8Array, type: AllowedImageType): Promise<string>
  /** The image's bytes; undefined when the board has no image of that name. */
  read(boardId: string, fileName: string): Promise<Uint8Array | undefined>
  has(boardId: string, fileName: string): Promise<boolean>
  /** The names of the board's images, sorted. */
  list(boardId: string): Promise<string[]>
  /**
   * A file on this machine holding the image, for what reads files (serving with ranges, the plan's
   * rendition); undefined when not stored. The file store's own file; the database store's copy
   * in a local cache (an image never changes under its name, so a copy never goes stale).
   */
  localFile(boardId: string, fileName: string): Promise<string | undefined>
  /** A folder on this machine holding every image of the board under its name (the PDF report reads images by path). */
  localDir(boardId: string): Promise<string>
  /** Remove every image of the board (an archive import undone, for a board that had none before). */
  removeBoard(boardId: string): Promise<void>
}
