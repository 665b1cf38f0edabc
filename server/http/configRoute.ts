/**
 * GET /api/config: what the client needs at run time. The tldraw licence key comes from here, not
 * from the build, so a deployer adds TLDRAW_LICENSE_KEY and restarts without rebuilding.
 */
import type { Config } from '../config.js'
import type { ClientConfig } from '../../src/shared/api.js'
import { lanOrigins } from '../lanOrigins.js'
import { sendJson } from './respond.js'
import type { Handler } from './router.js'

const LOOPBACK = /^(localhost|127(?:\.\d+){3}|\[::1\])$/i

/**
 * Where join links and QR codes should point. PUBLIC_URL when set. Otherwise, when the organizer
 * opened the app as localhost (as the start-up message suggests) on a server listening on every
 * interface, the machine's first LAN address: a phone scanning a localhost QR code would reach
 * itself, not this server. Otherwise null: the page's own origin is right.
 */
function shareOrigin(config: Config, hostHeader: string | undefined): string | null {
  if (config.publicUrl) return config.publicUrl
  if (!hostHeader || (config.host !== '0.0.0.0' && config.host !== '::')) return null
  let url: URL
  try {
    url = new URL(`http://${hostHeader}`)
  } catch {
    return null
  }
  if (!LOOPBACK.test(url.hostname)) return null
  return lanOrigins(url.port || '80')[0] ?? null
}

export function configHandler(config: Config): Handler {
  return ({ req, res }) => {
    const body: ClientConfig = {
      tldrawLicenseKey: config.tldrawLicenseKey,
      maxUploadBytes: config.maxUploadBytes,
      shareOrigin: shareOrigin(config, req.headers.host),
    }
    sendJson(res, 200, body, { 'Cache-Control': 'no-store' })
  }
}
