/**
 * Which browser origins may change things here (docs/api.md, "Origin"): state-changing API calls
 * (POST/PUT/PATCH/DELETE) and WebSocket upgrades that carry an `Origin` header must come from one of
 * PUBLIC_URL, ALLOWED_ORIGINS, the server's own host (the request's `Host`, http or https) or, when
 * the server listens on every interface, one of its LAN addresses.
 *
 * Security decision: this is a browser defence (CSRF, cross-site WebSocket hijacking). A page on
 * another site cannot choose the `Origin` its visitor's browser sends, so it is refused here; a
 * request without `Origin` (curl, a y-websocket client in Node, a same-origin GET) is not a browser
 * acting for someone else's page and passes. Tokens are still what grants access; this only stops a
 * foreign page from riding on a browser that has them.
 *
 * Trusting `Host` for "our own origin": a browser always sends the host it is talking to, so a
 * foreign page's request carries our host and its own origin, which differ. Only DNS rebinding makes
 * them agree, and a rebound page runs on its own origin: it holds none of our origin's stored tokens,
 * so it can do nothing a direct request without a browser could not.
 */
import type { IncomingMessage } from 'node:http'
import type { Config } from '../config.js'
import { lanOrigins } from '../lanOrigins.js'

type OriginConfig = Pick<Config, 'publicUrl' | 'allowedOrigins' | 'host'>

export class OriginPolicy {
  private readonly configured: Set<string>

  /** `port` is the port actually listened on (0 in the config means "any free one"). */
  constructor(private readonly config: OriginConfig, private readonly port: () => number) {
    this.configured = new Set([...(config.publicUrl ? [config.publicUrl] : []), ...config.allowedOrigins])
  }

  /** Whether `req` may proceed: no Origin header, or an allowed one. */
  allows(req: IncomingMessage): boolean {
    const header = req.headers.origin
    if (header === undefined) return true
    // `Origin: null` (sandboxed frames, file: pages, some redirects) is a browser hiding where the
    // request came from: not one of ours.
    const origin = normalise(header)
    if (origin === null) return false
    if (this.configured.has(origin)) return true
    const host = req.headers.host
    if (host && (origin === normalise(`http://${host}`) || origin === normalise(`https://${host}`))) return true
    // Looked up only when nothing above matched (rare: a phone reaching us through an address its
    // browser names differently), so a change of Wi-Fi while running is seen without a restart.
    if (this.config.host === '0.0.0.0' || this.config.host === '::') {
      return lanOrigins(this.port()).some((lan) => normalise(lan) === origin)
    }
    return false
  }
}

function normalise(value: string): string | null {
  try {
    const url = new URL(value)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
    return url.origin
  } catch {
    return null
  }
}
