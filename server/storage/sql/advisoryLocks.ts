/**
 * PostgreSQL advisory lock keys (pg_advisory_lock(class, key)), all in one place: one class for
 * everything CommonGround locks, so our locks never meet another application's on the same server,
 * and distinct keys, so no two of our locks wait for each other by accident.
 */
export const LOCK_CLASS = 0x436f4772 // 'CoGr'
/** Held while the board tables migrate (pgBoardSchema.ts). */
export const MIGRATION_LOCK_KEY = 0
/** Taken by every transaction of the synchronous stores' bridge (PgSqlDb.ts). */
export const BRIDGE_LOCK_KEY = 1
/** The class of per-board locks: pg_try_advisory_xact_lock(BOARD_LOCK_CLASS, hashtext(board id)). */
export const BOARD_LOCK_CLASS = LOCK_CLASS + 1
