/**
 * Shared pieces of the export tests: a project seeded through the real API with needs, ticks,
 * options, a photo, a discussion, a revision request, a closed named vote, approvals and an
 * agreement; real JPEGs; and the poppler tools (pdftotext, pdftoppm, pdfimages, pdfinfo) the tests
 * read the PDFs with (.ci/run installs poppler-utils).
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import jpeg from 'jpeg-js'
import type { TestServer } from '../helpers/startTestServer.js'
import { addNeed, addOption, openRoom, type Person, type Room } from './participationTestKit.js'
import { uploadAsset } from './workflowTestKit.js'

export const PROJECT_NAME = '学林苑中心花园改造'
export const NEED_BENCH = '长椅不够，老人没处歇脚'
export const NEED_LIGHT = '晚上太黑，需要路灯'

export interface Seeded {
  room: Room
  second: Person
  needIds: string[]
  optionA: string
  optionB: string
  voteId: string
  photoSrc: string
}

/** A project taken from Organize to `until` (default Agreed) with something of everything. */
export async function seedProject(server: TestServer, until: 'negotiate' | 'agreed' = 'agreed'): Promise<Seeded> {
  const room = await openRoom(server)
  const second = await room.join(room.committee.linkToken, '张委员', 'committee')
  await room.moveTo('needs')
  const bench = await addNeed(room, room.resident, NEED_BENCH)
  const light = await addNeed(room, room.committee, NEED_LIGHT, { categoryId: 'lighting', source: 'paper', raisedBy: 5 })
  for (const who of [room.organizer, room.expert, room.committee]) await ok(room.call(who, 'POST', `/needs/${bench}/tick`))

  await room.moveTo('siteVisit')
  const upload = await uploadAsset(server.url, room.project.projectId, noisyJpeg(64, 48, 1), room.expert.token)
  if (upload.status !== 201) throw new Error(`upload: ${upload.status} ${JSON.stringify(upload.body)}`)
  const optionA = await addOption(room, '方案 A：树下座椅', [bench])
  const optionB = await addOption(room, '方案 B：环形步道', [light])

  await room.moveTo('negotiate')
  await ok(room.call(room.resident, 'POST', '/comments', { target: { kind: 'option', id: optionA }, text: '座椅能不能放在树荫下？', mentions: ['committee'] }))
  const revision = await ok(room.call(room.committee, 'POST', `/options/${optionA}/revisions`, { text: '座椅要有靠背和扶手' }))
  await ok(room.call(room.expert, 'POST', `/revisions/${revision.id as string}/answers`, { text: '已改成带靠背和扶手的长椅' }))
  const vote = await ok(room.call(room.organizer, 'POST', '/votes', { optionIds: [optionA, optionB], mode: 'single' }))
  const voteId = vote.id as string
  await ok(room.call(room.resident, 'POST', `/votes/${voteId}/ballot`, { optionId: optionA }))
  await ok(room.call(room.committee, 'POST', `/votes/${voteId}/ballot`, { optionId: optionA }))
  await ok(room.call(second, 'POST', `/votes/${voteId}/ballot`, { optionId: optionA }))
  await ok(room.call(room.expert, 'POST', `/votes/${voteId}/ballot`, { optionId: optionB }))
  await ok(room.call(room.organizer, 'POST', `/votes/${voteId}/close`))
  await ok(room.call(room.organizer, 'PUT', '/quorum', { approvals: 2 }))
  await ok(room.call(room.committee, 'POST', '/approvals', { optionId: optionA }))
  await ok(room.call(second, 'POST', '/approvals', { optionId: optionA }))
  if (until === 'agreed') await ok(room.call(room.organizer, 'POST', '/agreement', { optionId: optionA }))
  return { room, second, needIds: [bench, light], optionA, optionB, voteId, photoSrc: upload.body.src as string }
}

async function ok(answer: Promise<{ status: number; body: Record<string, unknown> }>): Promise<Record<string, unknown>> {
  const res = await answer
  if (res.status !== 200 && res.status !== 201) throw new Error(`seed call failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body
}

/** A real JPEG of noise (noise does not compress: a photo-sized file), different for each seed. */
export function noisyJpeg(width: number, height: number, seed: number, quality = 82): Buffer {
  const data = Buffer.alloc(width * height * 4)
  let s = seed * 2654435761 >>> 0
  for (let i = 0; i < data.length; i += 4) {
    s = (s * 1664525 + 1013904223) >>> 0
    const base = ((i / 4) % width) / width * 160
    data[i] = base + (s & 63); data[i + 1] = 90 + ((s >> 8) & 127); data[i + 2] = 60 + ((s >> 16) & 63); data[i + 3] = 255
  }
  return jpeg.encode({ data, width, height }, quality).data
}

/** The same JPEG with a comment segment added: another file (another sha256), the same picture. */
export function variantJpeg(bytes: Buffer, n: number): Buffer {
  const text = Buffer.from(`variant ${n}`, 'ascii')
  const segment = Buffer.alloc(4)
  segment[0] = 0xff; segment[1] = 0xfe; segment.writeUInt16BE(text.length + 2, 2)
  return Buffer.concat([bytes.subarray(0, 2), segment, text, bytes.subarray(2)])
}

/**
 * A small RFC 4180 reader, what a spreadsheet would see: quoted cells may hold commas, quotes ("")
 * and line breaks; a quote opens a quoted cell only at the cell's start. `unclosedQuote` says the
 * text ended inside a quoted cell (the caller asserts on it); a last row without CRLF is kept.
 */
export function parseCsv(text: string): { rows: string[][]; unclosedQuote: boolean } {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++ } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"' && cell === '') quoted = true
    else if (c === ',') { row.push(cell); cell = '' } else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++ } else cell += c
  }
  if (cell !== '' || row.length > 0) { row.push(cell); rows.push(row) }
  return { rows, unclosedQuote: quoted }
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cg-export-'))
}

export function pdfText(pdf: Uint8Array, dir: string): string {
  const file = path.join(dir, `r${Math.random().toString(36).slice(2)}.pdf`)
  fs.writeFileSync(file, pdf)
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
}

/** One page's text as pdftotext -layout lays it out (-f N -l N): lines as printed, columns side by side. */
export function pdfPageText(pdf: Uint8Array, dir: string, page: number): string {
  const file = path.join(dir, `p${Math.random().toString(36).slice(2)}.pdf`)
  fs.writeFileSync(file, pdf)
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' })
}

export function pdfPages(pdf: Uint8Array, dir: string): number {
  const file = path.join(dir, `i${Math.random().toString(36).slice(2)}.pdf`)
  fs.writeFileSync(file, pdf)
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1])
}

/** The distinct images embedded in the PDF (object ids from pdfimages -list; one image drawn twice counts once). */
export function pdfImages(pdf: Uint8Array, dir: string): string[] {
  const file = path.join(dir, `m${Math.random().toString(36).slice(2)}.pdf`)
  fs.writeFileSync(file, pdf)
  const out = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
  const lines = out.split('\n').slice(2).filter((l) => l.trim() !== '')
  return [...new Set(lines.map((l) => l.trim().split(/\s+/)[10]))]
}

/** Renders page 1 at 50 dpi; returns the PNG's bytes (throws if pdftoppm fails). */
export function renderFirstPage(pdf: Uint8Array, dir: string): Buffer {
  const file = path.join(dir, 'page.pdf')
  fs.writeFileSync(file, pdf)
  execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', file, path.join(dir, 'page')])
  const png = fs.readdirSync(dir).find((f) => f.startsWith('page') && f.endsWith('.png'))
  if (!png) throw new Error('pdftoppm wrote no page')
  return fs.readFileSync(path.join(dir, png))
}

export async function postReport(baseUrl: string, projectId: string, token: string | undefined, body: unknown): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  if (token) headers.Authorization = `Bearer ${token}`
  return fetch(`${baseUrl}/api/projects/${projectId}/export/report`, { method: 'POST', headers, body: JSON.stringify(body) })
}
