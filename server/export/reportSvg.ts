/**
 * The drawings a browser sends with a report request (ReportRequest.optionSvg / boardSvg): checked
 * before anything renders them, and the only images they may bring in.
 *
 * Security: svg-to-pdfkit hands every `<image href>` to pdfkit, which reads any path that is not a
 * data: URL straight from the disk (`fs.readFileSync(href)`), so a crafted
 * `<image href="/etc/passwd">` or another board's photo would be copied into the PDF. Every href is
 * therefore mapped here: our own asset URLs of THIS board become the stored file's path (its name
 * checked against ASSET_FILE_PATTERN, so no path ever comes from the client), small inline PNG/JPEG
 * data: URLs pass, everything else (file:, http(s) to anything else, big data: URLs) becomes '' and
 * is dropped. No external SVG documents are loaded (no documentCallback) and the only fonts are ours.
 */
import fs from 'node:fs'
import path from 'node:path'
import { sniffImageType } from '../../src/shared/assets.js'
import type { RequestField } from '../../src/shared/errorCodes.js'
import { REPORT_SVG_DATA_IMAGE_MAX_BYTES, REPORT_SVG_MAX_BYTES, REPORT_SVG_MAX_ELEMENTS } from '../../src/shared/exportApi.js'
import { ASSET_FILE_PATTERN } from '../storage/assetFiles.js'
import { ExportError } from './ExportError.js'

/** Why a report SVG is refused (413 for size, 400 for what is not an SVG we render). */
export function checkReportSvg(value: unknown, key: RequestField): string | undefined {
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value !== 'string') throw new ExportError(400, `invalid_${key}`, `"${key}" must be the SVG drawing as text, or left out.`)
  if (Buffer.byteLength(value) > REPORT_SVG_MAX_BYTES) {
    throw new ExportError(413, 'svg_too_large',
      `"${key}" is larger than ${REPORT_SVG_MAX_BYTES / (1024 * 1024)} MB; export a smaller part of the board, or reference photos by their asset URL instead of embedding them.`)
  }
  if (!/^\s*(<\?xml[^>]*\?>\s*)?<svg[\s>]/i.test(value)) {
    throw new ExportError(400, `invalid_${key}`, `"${key}" is not an SVG drawing; it must start with <svg.`)
  }
  // Security: no DTD, hence no entity expansion ("billion laughs") and no external entities.
  if (/<!(DOCTYPE|ENTITY)/i.test(value)) {
    throw new ExportError(400, `invalid_${key}`, `"${key}" may not contain a DOCTYPE or ENTITY declaration.`)
  }
  const elements = value.match(/<[A-Za-z]/g)?.length ?? 0
  if (elements > REPORT_SVG_MAX_ELEMENTS) {
    throw new ExportError(413, 'svg_too_complex',
      `"${key}" has ${elements} elements; at most ${REPORT_SVG_MAX_ELEMENTS} can be printed. Export a smaller part of the board.`)
  }
  // Links would become clickable PDF annotations to whatever the SVG says; a report needs none.
  return value.replace(/<a(\s|>)/g, '<g$1').replace(/<\/a\s*>/g, '</g>')
}

/** Where a report finds this board's photos: a local folder of the board's images. */
export interface AssetScope {
  projectId: string
  /** A local folder holding the board's images under their names (AssetStore.localDir). */
  assetDir: string
  /** The request's Host header, for absolute asset URLs on our own host. */
  host: string | null
}

/** An image reference resolved: a stored asset file of this board, a small inline image, or nothing. */
export type ResolvedImage = { kind: 'asset'; file: string; path: string } | { kind: 'inline'; dataUrl: string } | { kind: 'dropped' }

const DATA_IMAGE = /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/=\s]+)$/

export function resolveImageHref(rawHref: string, scope: AssetScope): ResolvedImage {
  const href = rawHref.trim().replace(/&amp;/g, '&')
  const data = DATA_IMAGE.exec(href)
  if (data) {
    const base64 = data[2].replace(/\s+/g, '')
    if (base64.length * 0.75 > REPORT_SVG_DATA_IMAGE_MAX_BYTES) return { kind: 'dropped' }
    const bytes = Buffer.from(base64, 'base64')
    const type = sniffImageType(bytes)
    // pdfkit embeds only PNG and JPEG; the bytes must really be what the URL says.
    if (type !== 'image/png' && type !== 'image/jpeg') return { kind: 'dropped' }
    return { kind: 'inline', dataUrl: `data:${type};base64,${bytes.toString('base64')}` }
  }
  const file = assetFileName(href, scope)
  if (!file) return { kind: 'dropped' }
  const filePath = path.join(scope.assetDir, file)
  try {
    if (!fs.statSync(filePath).isFile()) return { kind: 'dropped' }
  } catch {
    return { kind: 'dropped' }
  }
  return { kind: 'asset', file, path: filePath }
}

/** The asset file name an href names on this board, if it names one pdfkit can embed (PNG, JPEG). */
function assetFileName(href: string, scope: AssetScope): string | undefined {
  let file: string | undefined
  const prefix = `/api/boards/${scope.projectId}/assets/`
  if (href.startsWith('cg-asset:')) {
    file = href.slice('cg-asset:'.length)
  } else if (href.startsWith(prefix)) {
    file = href.slice(prefix.length)
  } else if (/^https?:\/\//i.test(href) && scope.host) {
    let url: URL
    try {
      url = new URL(href)
    } catch {
      return undefined
    }
    if (url.host.toLowerCase() !== scope.host.toLowerCase() || !url.pathname.startsWith(prefix) || url.search) return undefined
    file = url.pathname.slice(prefix.length)
  }
  if (!file || !ASSET_FILE_PATTERN.test(file) || !/\.(jpg|png)$/.test(file)) return undefined
  return file
}

/** Every image href in an SVG (to plan the photo budget before rendering). */
export function imageHrefs(svg: string): string[] {
  const hrefs: string[] = []
  for (const m of svg.matchAll(/<image\b[^>]*?\s(?:xlink:)?href\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) hrefs.push(m[1] ?? m[2])
  return hrefs
}
