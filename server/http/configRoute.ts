/**
 * GET /api/config: what the client needs at run time. The tldraw licence key comes from here, not
 * from the build, so a deployer adds TLDRAW_LICENSE_KEY and restarts without rebuilding.
 */
import type { Config } from '../config.js'
import type { ClientConfig } from '../../src/shared/api.js'
import { sendJson } from './respond.js'
import type { Handler } from './router.js'

export function configHandler(config: Config): Handler {
  return ({ res }) => {
    const body: ClientConfig = { tldrawLicenseKey: config.tldrawLicenseKey, maxUploadBytes: config.maxUploadBytes }
    sendJson(res, 200, body, { 'Cache-Control': 'no-store' })
  }
}
