import { describe, expect, it } from 'vitest'
import { describeFailure, type ApiErrorCode } from '../../src/net/api'
import { strings, type Strings } from '../../src/i18n/strings'
import { participationErrorText } from '../../src/participation/participationErrors'
import { refusalText } from '../../src/projects/JoinRefused'
import { ERROR_CODES, isErrorCode, REQUEST_FIELDS, type ErrorCode } from '../../src/shared/errorCodes'

/**
 * Codes a screen of its own words (not through participationErrorText), with the string it shows.
 * Each entry names the code the client compares with, so a wording here is one a person really sees.
 */
const WORDED_BY_SCREEN: Partial<Record<ErrorCode, (t: Strings) => string>> = {
  // src/projects/JoinForm.tsx and src/workflow/JoinAsPerson.tsx
  name_taken: (t) => t.identity.nameTakenTitle,
  invalid_name: (t) => t.identity.invalidName,
  invalid_unit: (t) => t.identity.invalidUnit,
  // src/projects/ClaimPage.tsx (any other refusal of a claim: claimInvalid)
  claim_used: (t) => t.identity.claimUsed,
  claim_expired: (t) => t.identity.claimExpired,
  claim_issuer_closed: (t) => t.identity.claimIssuerClosed,
  claim_not_found: (t) => t.identity.claimInvalid,
  invalid_code: (t) => t.identity.claimInvalid,
  // src/projects/JoinRefused.tsx: a role link that cannot be used
  link_revoked: (t) => refusalText(t, 'link_revoked'),
  link_expired: (t) => refusalText(t, 'link_expired'),
  project_not_found: (t) => refusalText(t, 'project_not_found'),
  invalid_project_id: (t) => refusalText(t, 'invalid_project_id'),
  invalid_token: (t) => refusalText(t, 'invalid_token'),
  unauthorized: (t) => refusalText(t, 'unauthorized'),
  // src/export/ImportProjectEntry.tsx
  project_exists: (t) => t.export.importExists,
  // src/workspace (workspaceErrors.ts)
  in_another_workspace: (t) => t.workspace.errors.in_another_workspace,
  not_in_workspace: (t) => t.workspace.errors.not_in_workspace,
  list_full: (t) => t.workspace.errors.list_full,
}

/**
 * Codes with no words of their own yet: a Chinese reader sees the sentence for the HTTP status
 * (src/app/api.ts describeFailure: "check what you entered", "not found", "try again later"…), an
 * English reader the server's own sentence. Each is a gap in the string tables (src/i18n), listed
 * so it can be closed; the test below fails once a code here gets words, so the list only shrinks.
 */
const WORDED_BY_STATUS_ONLY: readonly ErrorCode[] = [
  'bad_path',
  'body_too_large',
  'client_not_built',
  'foreign_origin',
  'internal_error',
  'invalid_json',
  'method_not_allowed',
  'rate_limited',
  'shutting_down',
  'storage_failing',
  'unsupported_media_type',
  'upgrade_required',
  'board_limit_reached',
  'empty_upload',
  'invalid_asset_name',
  'invalid_board_id',
  'invalid_board_name',
  'unsupported_image_type',
  'upload_too_large',
  'invalid_stage_move',
  'too_many_streams',
  'error',
  'forbidden',
  'too_many_connections',
  'participant_link_closed',
  'restore_failed',
  'archive_conflict',
  'archive_too_large',
  'export_busy',
  'export_timeout',
  'invalid_archive',
  'report_request_too_large',
  'svg_too_complex',
  'svg_too_large',
  'unsupported_archive_version',
]

/** The words this client has for `code` in table `t`, or null when it has none of its own. */
function wordsFor(code: ErrorCode, t: Strings): string | null {
  const byScreen = WORDED_BY_SCREEN[code]
  if (byScreen) return byScreen(t)
  // 'zh-CN' asks for the table's wording: in English the server's own sentence is preferred.
  return participationErrorText(code, t, 'zh-CN')
}

/**
 * Every code without words of its own: the list above, and each refused request field
 * (`invalid_<field>`, said as "check what you entered") but those a screen words (a name, a unit).
 */
const STATUS_ONLY: ReadonlySet<ErrorCode> = new Set([
  ...WORDED_BY_STATUS_ONLY,
  ...REQUEST_FIELDS.map((field) => `invalid_${field}` as const).filter((code) => !WORDED_BY_SCREEN[code]),
])

describe('error codes shared by server and client', () => {
  it('lists each code once', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length)
  })

  it('knows its codes, and nothing else', () => {
    for (const code of ERROR_CODES) expect(isErrorCode(code)).toBe(true)
    expect(isErrorCode('invalid_jsn')).toBe(false)
    expect(isErrorCode(404)).toBe(false)
    expect(isErrorCode(undefined)).toBe(false)
  })

  it('has words in both languages for every code the server sends', () => {
    const missing: string[] = []
    for (const code of ERROR_CODES) {
      if (STATUS_ONLY.has(code)) continue
      for (const [lang, t] of Object.entries(strings)) {
        const words = wordsFor(code, t)
        if (!words?.trim()) missing.push(`${code} (${lang})`)
      }
    }
    expect(missing).toEqual([])
  })

  it('lists as worded by status only exactly the codes that have no words yet', () => {
    const worded = [...STATUS_ONLY].filter((code) => Object.values(strings).some((t) => wordsFor(code, t) !== null))
    expect(worded).toEqual([])
    for (const code of STATUS_ONLY) expect(ERROR_CODES).toContain(code)
  })

  it('still says something in both languages for a code without words of its own', () => {
    const statuses = [400, 403, 404, 409, 410, 413, 415, 426, 429, 500, 503]
    for (const code of STATUS_ONLY) {
      for (const [lang, t] of Object.entries(strings)) {
        for (const status of statuses) expect(describeFailure(t, lang, status, { code, error: 'The server’s sentence.' }).trim()).not.toBe('')
      }
    }
  })

  it('keeps the client’s own code (an answer it cannot use) out of the server’s list', () => {
    const own: ApiErrorCode = 'bad_response'
    expect(isErrorCode(own)).toBe(false)
  })
})
