/**
 * Who may change which record of a project board (docs/permissions.md "Whose
 * work is whose"). Runtime-neutral: the server enforces it on every update before it is applied
 * (server/sync/Board.ts), the board UI uses the same function so that a person is never offered a
 * change the server would refuse.
 *
 * Ownership is recorded by the server, never claimed by a client: when a record is created, the
 * server writes who created it into the board doc's `owners` map (docs/board-format.md).
 */
import { isRole, type Role } from './workflow.js'
import { isObject } from './guards.js'

/** Who created a record, as the server recorded it: participant (if known), link, role. */
export interface RecordOwner {
  /** Participant id; null when the record was made through a bare role link (no name given). */
  p: string | null
  /** Link id. */
  l: string
  r: Role
}

/** Whether an entry of the `owners` map has the shape the server writes (anything else: no owner). */
export function isRecordOwner(value: unknown): value is RecordOwner {
  return isObject(value) && typeof value.l === 'string' && (value.p === null || typeof value.p === 'string') && isRole(value.r)
}

/** The person behind a connection, as the server knows them. */
export interface EditActor {
  role: Role
  participantId: string | null
  linkId: string
}

/**
 * Why an update was refused. Sent to the client (docs/protocol.md, "Refused updates"), which shows
 * the matching sentence (i18n `refused.<code>`) and goes back to the board's true state.
 */
export const REFUSAL_CODES = [
  'read_only', 'not_yours', 'board_records', 'invalid_record', 'bad_asset', 'not_board_format',
  'board_full', 'too_much_data', 'refused_before',
] as const
export type RefusalCode = (typeof REFUSAL_CODES)[number]

export function isRefusalCode(value: unknown): value is RefusalCode {
  return REFUSAL_CODES.some((code) => code === value)
}

export const BASE_PLAN_SHAPE_KEY = 'shape:baseplan'
export const BASE_PLAN_ASSET_KEY = 'asset:baseplan'

interface RecordLike { id?: unknown; typeName?: unknown; meta?: unknown }

/**
 * The board's own records: the document, its pages and the base plan (shape and image). They
 * frame everyone's work, so only the organizer changes them.
 */
export function isBoardRecord(id: string, record?: RecordLike): boolean {
  if (id.startsWith('document:') || id.startsWith('page:')) return true
  if (id === BASE_PLAN_SHAPE_KEY || id === BASE_PLAN_ASSET_KEY) return true
  const meta = record?.meta
  return isObject(meta) && meta.cgBasePlan === true
}

/**
 * The `meta` key that marks a copy of the base plan inside a design option's frame
 * (src/participation/options/optionFrame.ts). A copy is the option author's own record, not a board
 * record: experts draw over it, and it belongs to the option, not to the organizer's plan.
 */
export const PLAN_COPY_META = 'cgPlanCopy'

/**
 * Whether `record` may carry the plan-copy mark when `actor` writes it; null when it may (or does
 * not carry it). Plan copies belong to design options, so only the design team (organizer, experts)
 * makes them — 'board_records' for anyone else, in any stage they may draw; and a copy shows the
 * base plan's own image (`asset:baseplan`, which is an upload to this server) and nothing else —
 * 'invalid_record' for an image of another upload, or a non-image, wearing the mark.
 */
export function planCopyProblem(actor: EditActor, record: unknown): RefusalCode | null {
  const r = isObject(record) ? record : null
  const meta = r?.meta
  if (!isObject(meta) || !(PLAN_COPY_META in meta)) return null
  if (actor.role !== 'organizer' && actor.role !== 'expert') return 'board_records'
  const isCopy = r?.typeName === 'shape' && r.type === 'image' && isObject(r.props) && r.props.assetId === BASE_PLAN_ASSET_KEY &&
    meta[PLAN_COPY_META] === true
  return isCopy ? null : 'invalid_record'
}

/**
 * `record` without the plan-copy mark when `actor` may not write it with the mark (else as it is): a
 * resident duplicating or pasting an option's frame gets a plain picture of the plan, and a copy
 * whose image was replaced is no longer a copy, instead of a refused update.
 */
export function withoutBadPlanCopyMark<T extends { meta?: unknown }>(actor: EditActor, record: T): T {
  if (planCopyProblem(actor, record) === null) return record
  const { [PLAN_COPY_META]: _mark, ...meta } = isObject(record.meta) ? record.meta : {}
  return { ...record, meta }
}

/** The same person: by participant when the record's maker had one, otherwise by the link. */
export function isSameOwner(owner: RecordOwner, actor: EditActor): boolean {
  if (owner.p !== null) return owner.p === actor.participantId
  return actor.participantId === null && owner.l === actor.linkId
}

/**
 * May `actor` change or delete the existing record `id` (made by `owner`, undefined for records
 * from before ownership was recorded)? Null when allowed, else why not. Whether the actor's role
 * may draw at all in the current stage is checked before this (`read_only`).
 *
 * - organizer: everything;
 * - the board's own records: the organizer only;
 * - your own records: yes;
 * - expert: also the design team's (organizer's and experts') and records of unknown origin;
 * - committee member, resident: only their own.
 */
export function mayChangeRecord(actor: EditActor, id: string, record: RecordLike | undefined, owner: RecordOwner | undefined): RefusalCode | null {
  if (actor.role === 'organizer') return null
  if (isBoardRecord(id, record)) return 'board_records'
  if (owner === undefined) return actor.role === 'expert' ? null : 'not_yours'
  if (isSameOwner(owner, actor)) return null
  if (actor.role === 'expert' && (owner.r === 'organizer' || owner.r === 'expert')) return null
  return 'not_yours'
}

/** An asset's image must come from this server (an upload), never a data: or foreign URL. */
const ASSET_SRC = /^\/api\/boards\/[A-Za-z0-9_-]{8,64}\/assets\/[A-Za-z0-9._-]{1,200}$/

export function isAllowedAssetSrc(src: unknown): boolean {
  return src === null || src === '' || (typeof src === 'string' && ASSET_SRC.test(src))
}
