/**
 * The browser's calls of the public notice (docs/api.md, "Public notice"): the public page's (no
 * token but the notice's own, in the path) and the organizer's and committee's panel's.
 */
import { requestJson, type RequestOptions } from '../net/api'
import { isNoticeState, isPublicNotice, type NoticeState, type OpenNoticeRequest, type PublicNotice } from '../shared/notice'

const publicBase = (token: string) => `/api/notices/${encodeURIComponent(token)}`
const projectBase = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/notice`
const json = (method: string, body: unknown, token?: string): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
  body: JSON.stringify(body),
})

export function getPublicNotice(token: string, opts: RequestOptions): Promise<PublicNotice> {
  return requestJson(publicBase(token), {}, isPublicNotice, opts)
}

export function postPublicComment(token: string, text: string, opts: RequestOptions): Promise<PublicNotice> {
  return requestJson(`${publicBase(token)}/comments`, json('POST', { text }), isPublicNotice, opts)
}

export function planUrl(token: string): string {
  return `${publicBase(token)}/plan.svg`
}

export function sheetUrl(token: string, paper: 'a4' | 'a3', lang: string): string {
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone
  return `${publicBase(token)}/sheet.pdf?paper=${paper}&lang=${encodeURIComponent(lang)}&tz=${encodeURIComponent(tz)}`
}

export interface NoticeCaller {
  projectId: string
  token: string
}

export function getNoticeState(c: NoticeCaller, opts: RequestOptions): Promise<NoticeState> {
  return requestJson(projectBase(c.projectId), { headers: { authorization: `Bearer ${c.token}` } }, isNoticeState, opts)
}

export function openNotice(c: NoticeCaller, body: OpenNoticeRequest, opts: RequestOptions): Promise<NoticeState> {
  return requestJson(projectBase(c.projectId), json('POST', body, c.token), isNoticeState, opts)
}

export function updateNotice(c: NoticeCaller, noticeId: string, body: { endsAt?: number; reasons?: Record<string, string> }, opts: RequestOptions): Promise<NoticeState> {
  return requestJson(`${projectBase(c.projectId)}/${encodeURIComponent(noticeId)}`, json('PATCH', body, c.token), isNoticeState, opts)
}

export function closeNotice(c: NoticeCaller, noticeId: string, opts: RequestOptions): Promise<NoticeState> {
  return requestJson(`${projectBase(c.projectId)}/${encodeURIComponent(noticeId)}/close`, json('POST', {}, c.token), isNoticeState, opts)
}

/** answer (body { text }), hide (body { reason, note }) or restore a comment. */
export function commentAction(c: NoticeCaller, noticeId: string, commentId: string, action: 'answer' | 'hide' | 'restore', body: unknown, opts: RequestOptions): Promise<NoticeState> {
  const path = `${projectBase(c.projectId)}/${encodeURIComponent(noticeId)}/comments/${encodeURIComponent(commentId)}/${action}`
  return requestJson(path, json('POST', body, c.token), isNoticeState, opts)
}
