/**
 * The Content-Security-Policy of index.html: the app's policy (securityHeaders.ts), whose script-src
 * also names, by hash, each inline script the built page itself carries — the page preload script
 * that vite.config.ts (`routePreload`) puts near the top of its head.
 *
 * Security decision: hashes, never 'unsafe-inline'. Only the exact bytes the build wrote may run
 * inline; text a person typed that a rendering bug put into the page still cannot, and neither can
 * an inline script injected by anything else. The hashes are read from the file being served, so
 * a new build gets its own at its first request.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import { appPolicy } from './securityHeaders.js'

/**
 * The text of every <script> element without a src attribute, in order. Comments are dropped
 * first: a `<script>` written inside one is no element, and would make a match run on into the real
 * script, whose hash would then be wrong (and the page's own script refused).
 */
export function inlineScripts(html: string): string[] {
  const uncommented = html.replace(/<!--[\s\S]*?-->/g, '')
  return [...uncommented.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)]
    .filter((m) => !/(?:^|\s)src\s*=/i.test(m[1]) && m[2].length > 0)
    .map((m) => m[2])
}

/** A CSP source expression for one inline script: the SHA-256 of its UTF-8 text, in base64. */
export function scriptHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`
}

let cached: { key: string; policy: string } | null = null

/**
 * The policy for the index.html at `file` as it is on disk now. One stat per page request; the file
 * is read again only when it changed. The key holds the inode and the change time besides size and
 * modification time: a new build's page has the same size, and a deployment may pin modification
 * times, but writing or replacing a file always moves its change time or its inode.
 */
export async function shellPolicy(file: string): Promise<string> {
  const stat = await fs.stat(file)
  const key = `${stat.ino}:${stat.ctimeMs}:${stat.mtimeMs}:${stat.size}`
  if (cached?.key === key) return cached.policy
  const html = await fs.readFile(file, 'utf8')
  const policy = appPolicy(inlineScripts(html).map(scriptHash))
  cached = { key, policy }
  return policy
}
