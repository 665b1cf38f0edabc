/**
 * The Content-Security-Policy of index.html: the app's policy (securityHeaders.ts), whose script-src
 * also names, by hash, each inline script the built page itself carries — the page preload script
 * that vite.config.ts (`routePreload`) puts at the top of its head.
 *
 * Security decision: hashes, never 'unsafe-inline'. Only the exact bytes the build wrote may run
 * inline; text a person typed that a rendering bug put into the page still cannot, and neither can
 * an inline script injected by anything else. The hashes are read from the file being served, so
 * a new build (the file changes) gets its own at its first request.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import { appPolicy } from './securityHeaders.js'

/** The text of every <script> element without a src attribute, in order. */
export function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)]
    .filter((m) => !/\bsrc\s*=/i.test(m[1]) && m[2].length > 0)
    .map((m) => m[2])
}

/** A CSP source expression for one inline script: the SHA-256 of its UTF-8 text, in base64. */
export function scriptHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`
}

let cached: { file: string; mtimeMs: number; size: number; policy: string } | null = null

/** The policy for the index.html at `file` as it is on disk now. */
export async function shellPolicy(file: string): Promise<string> {
  const stat = await fs.stat(file)
  if (cached && cached.file === file && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.policy
  const html = await fs.readFile(file, 'utf8')
  const policy = appPolicy(inlineScripts(html).map(scriptHash))
  cached = { file, mtimeMs: stat.mtimeMs, size: stat.size, policy }
  return policy
}
