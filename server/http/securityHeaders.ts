/**
 * Security headers. Every response gets nosniff and a same-origin referrer policy; each kind of
 * response gets the Content-Security-Policy that fits what a browser may do with it.
 */
import type { ServerResponse } from 'node:http'

/**
 * The app's policy (HTML and every other file of the built client). No inline script but index.html's
 * own, allowed by hash (shellPolicy.ts): text a person typed can never run as script even if a
 * rendering bug put it into the page.
 * - style-src 'unsafe-inline': tldraw injects <style> elements and style attributes at run time
 *   (its own recommended policy, node_modules/tldraw/DOCS.md "Recommended CSP policy", keeps it).
 *   Styles cannot run code; script stays locked down.
 * - img-src data: blob: — tldraw shows a dropped image as a blob: preview before the upload
 *   finishes, and its exports and icons use data: URLs.
 * - connect-src blob: data: — tldraw fetch()es blob: and data: URLs to turn assets into files
 *   (copy, export). ws:/wss: for the sync endpoint on browsers whose 'self' does not cover WebSockets.
 * - No foreign host anywhere: the product promises no request to a CDN.
 */
export const APP_CSP = appPolicy([])

/**
 * The app's policy, allowing besides 'self' the inline scripts whose hashes are given: index.html's
 * own (shellPolicy.ts). Every other file gets APP_CSP, which allows none.
 */
export function appPolicy(scriptHashes: readonly string[]): string {
  return [
    "default-src 'self'",
    ['script-src', "'self'", ...scriptHashes].join(' '),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self' ws: wss: blob: data:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ')
}

/** JSON answers are data, never a page: nothing may load or run if one is opened directly. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'"

/**
 * Uploaded images. The bytes were sniffed, but a file can be an image and something else at once
 * (a polyglot): opened directly, it is sandboxed and may load nothing.
 */
export const UPLOAD_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox"

export function setBaseHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('Referrer-Policy', 'same-origin')
}
