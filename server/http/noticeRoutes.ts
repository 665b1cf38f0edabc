/**
 * The public notice over HTTP (docs/api.md, "Public notice"); the rules are NoticeActions'
 * (server/participation/noticeActions.ts). Two sides:
 * - the project's: /api/projects/<id>/notice…, with the organizer's or committee's token;
 * - the public's: /api/notices/<token>…, no sign-in: the notice, its comments, the plan picture and
 *   the printable sheet. The token is in the path (a printed QR code cannot carry a header).
 */
import type { IncomingMessage } from 'node:http'
import fs from 'node:fs/promises'
import path from 'node:path'
import { REPORT_SVG_MAX_BYTES } from '../../src/shared/exportApi.js'
import { isObject, literal } from '../../src/shared/guards.js'
import { NOTICE_COMMENTS_PER_MINUTE, noticePath } from '../../src/shared/notice.js'
import type { Config } from '../config.js'
import type { AssetStore } from '../storage/AssetStore.js'
import { NOTICE_PAPERS, renderNoticeSheet, type NoticePaper } from '../export/noticeSheet.js'
import { checkReportSvg, resolveImageHref, type AssetScope } from '../export/reportSvg.js'
import { ExportError } from '../export/ExportError.js'
import { NoticeActions, type CheckedPlan } from '../participation/noticeActions.js'
import type { Participation } from '../participation/Participation.js'
import { callerOf } from '../participation/caller.js'
import type { Workflow } from '../workflow/Workflow.js'
import { attachment, hostOf, readLang, readPageBounds, readTimeZone } from './exportRoutes.js'
import { formatMegabytes, HttpError } from './HttpError.js'
import { asHttp, bodyOf } from './participation/participationRequest.js'
import type { PlanRenditions } from './planRendition.js'
import { authenticate } from './projectRequest.js'
import { TokenBucket, type RateCount } from './rateLimit.js'
import { readBody } from './readBody.js'
import { sendJson } from './respond.js'
import type { Handler, Route } from './router.js'
import { API_CSP } from './securityHeaders.js'

export interface NoticeRouteDeps {
  config: Config
  workflow: Workflow
  participation: Participation
  renditions: PlanRenditions
  /** The uploaded images the plan shows. */
  assets: AssetStore
  /** The address a limit counts against (RequestLimits.clientKey). */
  clientKey: (req: IncomingMessage) => string
  /** Makes a per-address limit (RequestLimits.rate: shared by the instances with REDIS_URL); default: in memory. */
  rate?: (name: string, perMinute: number) => RateCount
}

/** Opening carries the plan drawing (as a report request does). */
const OPEN_BODY_MAX_BYTES = REPORT_SVG_MAX_BYTES + 64 * 1024
/** Printed sheets one address may have made per minute (each costs some CPU). */
const SHEETS_PER_MINUTE = 10
/**
 * The plan picture as a page would open it directly: an image, and nothing in it may run or load
 * (its photos are inlined as data: URLs). Security: the drawing came from the organizer's browser.
 */
const PLAN_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox"
/** Pictures kept ready (each is built once: the plan on notice never changes). */
const PLAN_CACHE_MAX = 16

const isPaper = literal(NOTICE_PAPERS)

export function noticeRoutes(deps: NoticeRouteDeps): Route[] {
  const { workflow, config } = deps
  const notice = new NoticeActions({ workflow: deps.workflow, participation: deps.participation })
  const rate = deps.rate ?? ((_name: string, perMinute: number) => new TokenBucket(perMinute))
  const comments = rate('notice-comments', NOTICE_COMMENTS_PER_MINUTE)
  const sheets = rate('notice-sheets', SHEETS_PER_MINUTE)
  const plans = new Map<string, Promise<string>>()
  const caller = (req: IncomingMessage, id: string) => callerOf(authenticate(req, workflow, id))
  const limit = async (bucket: RateCount, req: IncomingMessage, what: string) => {
    const wait = await bucket.take(deps.clientKey(req))
    if (wait) throw new HttpError(429, 'rate_limited', `Too many ${what} came from your network; wait ${wait} seconds and try again.`, { 'Retry-After': String(wait) })
  }

  const state: Handler = ({ req, res, params }) => sendJson(res, 200, notice.state(caller(req, params.id)))
  const open: Handler = async ({ req, res, params }) => {
    const c = caller(req, params.id)
    const body = async () => {
      const raw = await readBody(req, OPEN_BODY_MAX_BYTES, () => new HttpError(413, 'body_too_large',
        `The request is larger than ${formatMegabytes(OPEN_BODY_MAX_BYTES)}; the plan drawing may be at most ${formatMegabytes(REPORT_SVG_MAX_BYTES)}.`))
      let value: unknown
      try {
        value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw))
      } catch {
        throw new HttpError(400, 'invalid_json', 'Send a JSON object: { "startsAt", "endsAt", "reasons"?, "optionSvg"?, "optionBounds"? }.')
      }
      if (!isObject(value)) throw new HttpError(400, 'invalid_json', 'Send a JSON object as the request body.')
      const plan: CheckedPlan = { svg: checkPlanSvg(value.optionSvg), bounds: readPageBounds(value.optionBounds) }
      return { body: value, plan }
    }
    sendJson(res, 201, await notice.open(c, body))
  }
  const update: Handler = async ({ req, res, params }) => sendJson(res, 200, await notice.update(caller(req, params.id), params.noticeId, bodyOf(req)))
  const close: Handler = ({ req, res, params }) => sendJson(res, 200, notice.close(caller(req, params.id), params.noticeId))
  const answer: Handler = async ({ req, res, params }) =>
    sendJson(res, 200, await notice.answer(caller(req, params.id), params.noticeId, params.commentId, bodyOf(req)))
  const moderate = (action: 'hide' | 'restore'): Handler => async ({ req, res, params }) =>
    sendJson(res, 200, await notice.moderate(caller(req, params.id), params.noticeId, params.commentId, action, bodyOf(req)))

  // --- public ---
  const view: Handler = ({ res, params }) => {
    // Private: a notice changes with every comment and answer; no shared cache may keep one.
    sendJson(res, 200, notice.publicView(params.token), { 'Cache-Control': 'no-store' })
  }
  const comment: Handler = async ({ req, res, params }) => {
    notice.byToken(params.token)
    await limit(comments, req, 'comments')
    sendJson(res, 201, await notice.comment(params.token, bodyOf(req)), { 'Cache-Control': 'no-store' })
  }
  const plan: Handler = async ({ res, params }) => {
    const { notice: n, svg } = notice.planOf(params.token)
    if (!svg) throw new HttpError(404, 'not_found', 'This notice has no plan picture.')
    let made = plans.get(n.id)
    if (!made) {
      made = deps.assets.localDir(n.projectId).then((assetDir) => publicPlanSvg(svg, { projectId: n.projectId, assetDir, host: null }, deps.renditions))
      made.catch(() => plans.delete(n.id))
      if (plans.size >= PLAN_CACHE_MAX) plans.delete(plans.keys().next().value ?? '')
      plans.set(n.id, made)
    }
    const bytes = Buffer.from(await made, 'utf8')
    res.writeHead(200, {
      'Content-Type': 'image/svg+xml; charset=utf-8',
      'Content-Length': String(bytes.length),
      'Cache-Control': 'private, max-age=3600',
      'Content-Security-Policy': PLAN_CSP,
    })
    res.end(bytes)
  }
  const sheet: Handler = async ({ req, res, params }) => {
    const n = notice.byToken(params.token)
    const query = new URLSearchParams((req.url ?? '').split('#', 1)[0].split('?')[1] ?? '')
    const paperParam = query.get('paper') || 'a4'
    if (!isPaper(paperParam)) throw new HttpError(400, 'invalid_paper', `"paper" must be one of ${NOTICE_PAPERS.join(', ')}.`)
    const paper: NoticePaper = paperParam
    const lang = readLang(query.get('lang'))
    const timeZone = readTimeZone(query.get('tz'))
    await limit(sheets, req, 'notice sheets')
    const host = hostOf(req)
    const link = host ? `${linkScheme(req, config)}://${host}${noticePath(params.token)}` : noticePath(params.token)
    const shown = notice.publicView(params.token)
    const pdf = await renderNoticeSheet({
      lang, paper, timeZone, notice: shown, link, planSvg: n.planSvg,
      assets: { projectId: n.projectId, assetDir: await deps.assets.localDir(n.projectId), host },
      photoCacheDir: path.join(config.dataDir, 'report-cache', n.projectId),
    })
    const name = `${lang === 'en' ? 'notice' : '公示'}-${paper.toUpperCase()}.pdf`
    res.writeHead(200, {
      'Content-Type': 'application/pdf',
      'Content-Length': String(pdf.byteLength),
      'Content-Disposition': attachment(shown.project.name, name, `notice-${paper.toUpperCase()}.pdf`),
      'Cache-Control': 'no-store',
      'Content-Security-Policy': API_CSP,
    })
    res.end(pdf)
  }

  return asHttp([
    { pattern: '/api/projects/:id/notice', methods: { GET: state, POST: open } },
    { pattern: '/api/projects/:id/notice/:noticeId', methods: { PATCH: update } },
    { pattern: '/api/projects/:id/notice/:noticeId/close', methods: { POST: close } },
    { pattern: '/api/projects/:id/notice/:noticeId/comments/:commentId/answer', methods: { POST: answer } },
    { pattern: '/api/projects/:id/notice/:noticeId/comments/:commentId/hide', methods: { POST: moderate('hide') } },
    { pattern: '/api/projects/:id/notice/:noticeId/comments/:commentId/restore', methods: { POST: moderate('restore') } },
    { pattern: '/api/notices/:token', methods: { GET: view } },
    { pattern: '/api/notices/:token/comments', methods: { POST: comment } },
    { pattern: '/api/notices/:token/plan.svg', methods: { GET: plan } },
    { pattern: '/api/notices/:token/sheet.pdf', methods: { GET: sheet } },
  ])
}

function checkPlanSvg(value: unknown): string | null {
  try {
    return checkReportSvg(value, 'optionSvg') ?? null
  } catch (err) {
    if (err instanceof ExportError) throw new HttpError(err.status, err.code, err.message)
    throw err
  }
}

function linkScheme(req: IncomingMessage, config: Config): 'http' | 'https' {
  const forwarded = config.trustProxy ? String(req.headers['x-forwarded-proto'] ?? '').split(',').pop()?.trim() : undefined
  return forwarded === 'https' || ('encrypted' in req.socket && req.socket.encrypted === true) ? 'https' : 'http'
}

/**
 * The stored drawing as a browser may show it in an <img>: an SVG image loads nothing from outside,
 * so this board's photos are inlined as data: URLs (the phone-sized rendition where there is one, so a
 * slow connection gets ~200 KB rather than the whole plan), anything else is dropped. Scripts, event
 * attributes and foreign content go too, though an <img> runs none: opened directly, it is served
 * sandboxed (PLAN_CSP) as well.
 */
async function publicPlanSvg(svg: string, scope: AssetScope, renditions: PlanRenditions): Promise<string> {
  const cleaned = svg
    .replace(/<script\b[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<foreignObject\b[\s\S]*?<\/foreignObject\s*>/gi, '')
    .replace(/\son[a-z]+\s*=\s*("[^"]*"|'[^']*')/gi, '')
  const hrefs = /(<image\b[^>]*?\s(?:xlink:)?href\s*=\s*)(?:"([^"]*)"|'([^']*)')/gi
  const inlined = new Map<string, string>()
  for (const m of cleaned.matchAll(hrefs)) {
    const href = m[2] ?? m[3]
    if (inlined.has(href)) continue
    const r = resolveImageHref(href, scope)
    if (r.kind === 'inline') inlined.set(href, r.dataUrl)
    else if (r.kind === 'asset') {
      const small = r.file.endsWith('.jpg') ? await renditions.ensure(scope.projectId, r.file).catch(() => null) : null
      const bytes = await fs.readFile(small ?? r.path)
      inlined.set(href, `data:${small || r.file.endsWith('.jpg') ? 'image/jpeg' : 'image/png'};base64,${bytes.toString('base64')}`)
    } else inlined.set(href, '')
  }
  return cleaned.replace(hrefs, (_all, head: string, a: string | undefined, b: string | undefined) => `${head}"${inlined.get(a ?? b ?? '') ?? ''}"`)
}
