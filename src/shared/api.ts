/** Shapes of the JSON the HTTP API exchanges (docs/api.md lists the routes). */

import type { ErrorCode } from './errorCodes.js'
import { isNumber, isString, nullable, record, type Guard } from './guards.js'

export interface BoardInfo {
  id: string
  name: string
  createdAt: number
}

export interface CreateBoardRequest {
  name: string
}

export interface ClientConfig {
  /** tldraw licence key, read from TLDRAW_LICENSE_KEY at run time so a deployer need not rebuild. */
  tldrawLicenseKey: string | null
  maxUploadBytes: number
  /**
   * Origin to put in join links and QR codes when it differs from the page's (PUBLIC_URL, or the
   * machine's LAN address when the page was opened as localhost); null = the page's own origin.
   */
  shareOrigin: string | null
}

export interface UploadedAsset {
  /** Same-origin URL the asset is served from, e.g. /api/boards/<id>/assets/<assetId>.png */
  src: string
}

/** Every API error body. `error` is a sentence a person can act on (English); `code` is stable. */
export interface ApiError {
  error: string
  code: ErrorCode
}

// Checks of the answers, for src/app/api.ts (src/shared/guards.ts says how they compose).

export const isBoardInfo: Guard<BoardInfo> = record({ id: isString, name: isString, createdAt: isNumber })

export const isClientConfig: Guard<ClientConfig> = record({
  tldrawLicenseKey: nullable(isString),
  maxUploadBytes: isNumber,
  shareOrigin: nullable(isString),
})

export const isUploadedAsset: Guard<UploadedAsset> = record({ src: isString })
