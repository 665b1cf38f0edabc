/**
 * Every stable error code the server answers with (`ApiError.code`, src/shared/api.ts). The server
 * may throw only these (server/http/HttpError.ts takes an `ErrorCode`), so a mistyped code fails to
 * compile; the browser reads them as the same type. test/shared/errorCodes.test.ts checks each has
 * words in both languages (or is on the list of those worded by their status alone).
 * Runtime-neutral: no DOM and no Node imports here.
 */

/** Codes spelled out where they are thrown. */
const FIXED_CODES = [
  // requests in general
  'bad_path',
  'body_too_large',
  'client_not_built',
  'foreign_origin',
  'internal_error',
  'invalid_json',
  'method_not_allowed',
  'not_found',
  'rate_limited',
  'shutting_down',
  'storage_failing',
  'unsupported_media_type',
  'upgrade_required',
  // boards and their assets
  'asset_not_found',
  'board_limit_reached',
  'board_not_found',
  'empty_upload',
  'invalid_asset_name',
  'invalid_board_id',
  'invalid_board_name',
  'unsupported_image_type',
  'upload_too_large',
  // projects, links, stages
  'invalid_project_id',
  'invalid_stage_move',
  'invalid_token',
  'link_expired',
  'link_not_found',
  'link_revoked',
  'not_allowed',
  'project_not_found',
  'stage_conflict',
  'too_many_streams',
  'unauthorized',
  'wrong_stage',
  // a refused sync upgrade (server/sync/SyncServer.ts, its own table; the browser's WebSocket never
  // shows these bodies, tools and tests read them)
  'error',
  'forbidden',
  'too_many_connections',
  // people and personal links (server/workflow/Identity.ts)
  'claim_expired',
  'claim_issuer_closed',
  'claim_not_found',
  'claim_used',
  'invalid_code',
  'join_first',
  'name_taken',
  'participant_link_closed',
  'participant_not_found',
  // history
  'move_not_found',
  'restore_failed',
  'snapshot_not_found',
  // participation
  'already_ticked',
  'already_voted',
  'category_in_use',
  'empty_ballot',
  'need_has_merged',
  'need_merged',
  'need_not_found',
  'not_ticked',
  'option_not_found',
  'over_budget',
  'private_period',
  'private_period_active',
  'no_private_period',
  'quorum_not_reached',
  'quorum_not_set',
  'revision_not_found',
  'thread_not_found',
  'vote_already_open',
  'vote_closed',
  'vote_not_found',
  // moderation
  'already_hidden',
  'comment_not_found',
  'not_hidden',
  // entering for a resident (server/participation/proxyActions.ts)
  'anonymous_ballot',
  'clash_not_found',
  'clash_resolved',
  'no_resident_link',
  'not_a_resident',
  'paper_batch_not_found',
  'paper_batch_removed',
  'vote_entered_for_you',
  'voted_self',
  // the meeting: the presenter's lead and the speaking queue
  'hands_closed',
  'hands_full',
  'lead_lost',
  'no_raised_hands',
  // the task list of 实施落实 (server/participation/taskActions.ts)
  'status_unchanged',
  'task_changed',
  'task_not_done',
  'task_not_found',
  'too_many_photos',
  'too_many_tasks',
  // export and import
  'archive_conflict',
  'archive_too_large',
  'export_busy',
  'export_timeout',
  'invalid_archive',
  'project_exists',
  'report_request_too_large',
  'svg_too_complex',
  'svg_too_large',
  'unsupported_archive_version',
] as const

/**
 * Request fields the server can refuse as `invalid_<field>` (body keys, and a few query parameters:
 * lang, paper, timeZone). The request helpers take a `RequestField`, so the code they build is an
 * `ErrorCode` too.
 */
export const REQUEST_FIELDS = [
  'addressedNeedIds',
  'anonymous',
  'approvals',
  'area',
  'accepted',
  'ballot',
  'boardSvg',
  'brief',
  'byName',
  'categories',
  'categoryId',
  'comment',
  'counts',
  'description',
  'done',
  'due',
  'dotsPerPerson',
  'en',
  'expiry',
  'frameShapeId',
  'height',
  'hidden',
  'id',
  'joinKey',
  'keep',
  'kind',
  'label',
  'lang',
  'leadersSee',
  'mentions',
  'metresPerUnit',
  'mimeType',
  'mode',
  'name',
  'northDegrees',
  'needIds',
  'newPerson',
  'note',
  'option',
  'optionBounds',
  'optionId',
  'optionIds',
  'optionSvg',
  'paper',
  'photoSrc',
  'points',
  'raisedBy',
  'reason',
  'residentId',
  'responsible',
  'resolved',
  'resultsVisibility',
  'role',
  'seconds',
  'site',
  'source',
  'src',
  'stage',
  'status',
  'target',
  'text',
  'timeZone',
  'title',
  'unit',
  'viewport',
  'width',
  'x',
  'y',
  'z',
  'zh',
] as const
export type RequestField = (typeof REQUEST_FIELDS)[number]

export type ErrorCode = (typeof FIXED_CODES)[number] | `invalid_${RequestField}`

/** Every code, each once (test/shared/errorCodes.test.ts checks there are no duplicates). */
export const ERROR_CODES: readonly ErrorCode[] = [...FIXED_CODES, ...REQUEST_FIELDS.map((field) => `invalid_${field}` as const)]

const KNOWN: ReadonlySet<string> = new Set(ERROR_CODES)

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && KNOWN.has(value)
}
