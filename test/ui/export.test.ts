/**
 * The export dialog's logic that needs no browser: the server's file names, the draft mark on
 * pictures, which option is exported, and the DOM-free pieces of the PDF conversion.
 */
import { describe, expect, it } from 'vitest'
import { fileNameFromContentDisposition, safeFileName } from '../../src/export/contentDisposition'
import { draftMarkMarkup, escapeXml, svgViewBox, withDraftMark } from '../../src/export/draftMark'
import { formatSize } from '../../src/export/exportProblem'
import { agreedOption, defaultOptionId, exportTarget, isFinal } from '../../src/export/exportTarget'
import {
  dataUrlBytes,
  groupIntoLines,
  listMarker,
  reportImageHref,
  textLineAttributes,
  utf8Bytes,
  withoutInvisibles,
  type GlyphBox,
} from '../../src/export/svgText'
import { looksLikeZip } from '../../src/export/zipFile'
import type { Agreement, Approval, DesignOption, ParticipationState, Vote } from '../../src/shared/participation'

describe('the file name the server suggests', () => {
  it('reads a UTF-8 filename* with Chinese, and prefers it to the plain filename', () => {
    const name = '学林苑中心花园改造-需求.csv'
    const header = `attachment; filename="project-needs.csv"; filename*=UTF-8''${encodeURIComponent(name)}`
    expect(fileNameFromContentDisposition(header)).toBe(name)
    expect(fileNameFromContentDisposition(`attachment; filename*=utf-8''${encodeURIComponent(name)}; filename="x.csv"`)).toBe(name)
  })

  it('reads plain, quoted (with escapes and semicolons) and unquoted filenames', () => {
    expect(fileNameFromContentDisposition('attachment; filename="report.pdf"')).toBe('report.pdf')
    expect(fileNameFromContentDisposition('attachment; filename="a \\"b\\"; c.pdf"')).toBe('a "b"; c.pdf')
    expect(fileNameFromContentDisposition('attachment; FILENAME=archive.zip')).toBe('archive.zip')
    expect(fileNameFromContentDisposition("attachment; filename*=UTF-8'zh-CN'%E6%8A%A5%E5%91%8A.pdf")).toBe('报告.pdf')
  })

  it('falls back to the plain filename when filename* cannot be read, and to null without any', () => {
    expect(fileNameFromContentDisposition("attachment; filename*=UTF-8''%E6%8A; filename=\"x.pdf\"")).toBe('x.pdf')
    expect(fileNameFromContentDisposition("attachment; filename*=koi8-r''abc; filename=y.pdf")).toBe('y.pdf')
    expect(fileNameFromContentDisposition('attachment')).toBeNull()
    expect(fileNameFromContentDisposition('attachment; filename=""')).toBeNull()
    expect(fileNameFromContentDisposition(null)).toBeNull()
  })

  it('never lets a suggested name reach into a folder', () => {
    expect(safeFileName('../../etc/passwd', 'x')).toBe('passwd')
    expect(safeFileName('C:\\Users\\a\\报告.pdf', 'x')).toBe('报告.pdf')
    expect(safeFileName('a\u0000b\nc.csv', 'x')).toBe('a_b_c.csv')
    expect(safeFileName('..', 'fallback.zip')).toBe('fallback.zip')
    expect(safeFileName('', 'fallback.zip')).toBe('fallback.zip')
    expect(safeFileName('.hidden', 'x')).toBe('hidden')
  })
})

describe('the draft mark on pictures', () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="400" viewBox="-16 -16 600 400"><defs/><path d="M0 0L10 10"/></svg>'

  it('reads the viewBox, or the size when there is none', () => {
    expect(svgViewBox(svg)).toEqual({ x: -16, y: -16, width: 600, height: 400 })
    expect(svgViewBox('<svg width="300" height="200"></svg>')).toEqual({ x: 0, y: 0, width: 300, height: 200 })
    expect(svgViewBox("<svg viewBox='0,0,50,40'></svg>")).toEqual({ x: 0, y: 0, width: 50, height: 40 })
    expect(svgViewBox('<svg></svg>')).toBeNull()
  })

  it('draws the mark last, inside the root, keeping the drawing', () => {
    const marked = withDraftMark(svg, '草稿 DRAFT')
    expect(marked.startsWith(svg.slice(0, svg.lastIndexOf('</svg>')))).toBe(true)
    expect(marked.endsWith('</g></svg>')).toBe(true)
    expect(marked.match(/草稿 DRAFT/g)).toHaveLength(2) // the diagonal word and the corner label
    expect(marked).toContain('data-cg-draft-mark')
    // Centred on the viewBox, tilted along the diagonal (upwards to the right).
    expect(marked).toMatch(/x="284" y="184" text-anchor="middle"/)
    expect(marked).toMatch(/rotate\(-33\.\d+ 284 184\)/)
  })

  it('places the corner label inside the picture and the big word within it', () => {
    const markup = draftMarkMarkup({ x: 0, y: 0, width: 200, height: 100 }, '草稿 DRAFT')
    const rect = /<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/.exec(markup)!
    const [x, y, w, h] = rect.slice(1).map(Number)
    expect(x).toBeGreaterThan(0)
    expect(y).toBeGreaterThan(0)
    expect(x + w).toBeLessThan(200)
    expect(y + h).toBeLessThan(100)
    const big = Number(/font-size="([\d.]+)" fill="#b3261e" fill-opacity/.exec(markup)![1])
    expect(big).toBeLessThanOrEqual(35)
  })

  it('escapes the label, and refuses what it cannot mark', () => {
    expect(escapeXml('<a & "b">')).toBe('&lt;a &amp; &quot;b&quot;&gt;')
    expect(withDraftMark(svg, 'A<B')).toContain('A&lt;B')
    expect(withDraftMark('<svg></svg>', 'x', { x: 0, y: 0, width: 10, height: 10 })).toContain('data-cg-draft-mark')
    expect(() => withDraftMark('<svg></svg>', 'x')).toThrow()
    expect(() => withDraftMark('not svg', 'x', { x: 0, y: 0, width: 10, height: 10 })).toThrow()
  })
})

const actor = { participantId: 'p1', name: '张工', role: 'expert' as const }

function option(id: string, createdAt: number, frameShapeId: string | null = `shape:${id}`): DesignOption {
  return { id, title: `方案${id}`, description: '', frameShapeId, addressedNeedIds: [], author: actor, createdAt, updatedAt: createdAt }
}

function approval(optionId: string, participantId: string): Approval {
  return { optionId, participantId, name: participantId, at: 1 }
}

function vote(results: Array<[string, number]> | null): Vote {
  return {
    id: 'v', optionIds: ['a', 'b', 'c'], mode: 'single', dotsPerPerson: 1, anonymous: false, resultsVisibility: 'live',
    status: 'closed', openedBy: actor, openedAt: 1, closedBy: actor, closedAt: 2, ballots: 3,
    results: results && results.map(([optionId, points]) => ({ optionId, points, voters: null })), voted: false, myBallot: null,
  }
}

function participation(over: Partial<ParticipationState>): ParticipationState {
  return {
    revision: 1, categories: [], needs: [], options: [option('a', 1), option('b', 2), option('c', 3)], threads: [],
    votes: [], revisions: [], approvals: [], quorum: null, agreements: [], reopens: [], ...over,
  }
}

const agreement = (optionId: string | null): Agreement => ({ id: 'g', optionId, approvals: [], quorum: null, byName: '王老师', at: 5, moveId: 'm' })

describe('which option is exported', () => {
  it('is the agreed option while the project is agreed', () => {
    const p = participation({ agreements: [agreement('a'), agreement('c')] })
    expect(agreedOption('agreed', p)?.id).toBe('c')
    expect(exportTarget('agreed', p, 'b')).toMatchObject({ option: { id: 'c' }, agreed: true })
    expect(isFinal('agreed')).toBe(true)
  })

  it('is picked before Agreed (old agreements of a reopened project do not count), or when agreed without an option', () => {
    const p = participation({ agreements: [agreement('c')] })
    expect(agreedOption('negotiate', p)).toBeNull()
    expect(exportTarget('negotiate', p, 'b')).toMatchObject({ option: { id: 'b' }, agreed: false })
    expect(exportTarget('agreed', participation({ agreements: [agreement(null)] }), 'b')).toMatchObject({ option: { id: 'b' }, agreed: false })
    expect(isFinal('negotiate')).toBe(false)
  })

  it('starts from the most approvals, then the most votes, then the oldest', () => {
    expect(defaultOptionId(participation({}))).toBe('a')
    expect(defaultOptionId(participation({ votes: [vote([['a', 1], ['b', 2], ['c', 0]]), vote([['c', 4]])] }))).toBe('c')
    expect(defaultOptionId(participation({ votes: [vote([['c', 9]]), vote(null)], approvals: [approval('b', 'x')] }))).toBe('b')
    expect(defaultOptionId(participation({ options: [] }))).toBeNull()
    expect(defaultOptionId(null)).toBeNull()
  })

  it('falls back to the default when the picked option is gone', () => {
    const p = participation({ approvals: [approval('b', 'x'), approval('b', 'y')] })
    expect(exportTarget('siteVisit', p, 'deleted')).toMatchObject({ option: { id: 'b' } })
    expect(exportTarget('needs', participation({ options: [] }), null)).toEqual({ option: null, agreed: false })
  })
})

const glyph = (text: string, left: number, top: number, w = 10, h = 20): GlyphBox => ({ text, left, right: left + w, top, bottom: top + h })

describe('text lines for the PDF', () => {
  it('splits where the browser wrapped, by the glyphs\' tops', () => {
    const lines = groupIntoLines([glyph('晚', 0, 0), glyph('上', 10, 1), glyph('小', 20, 0), glyph('路', 0, 22), glyph('黑', 10, 22)])
    expect(lines.map((l) => l.text)).toEqual(['晚上小', '路黑'])
    expect(lines[0]).toMatchObject({ left: 0, right: 30, top: 0 })
    expect(lines[1]).toMatchObject({ left: 0, right: 20, top: 22 })
  })

  it('never starts a line with a wrapped space nor widens one with trailing spaces', () => {
    const lines = groupIntoLines([glyph('a', 0, 0), glyph(' ', 10, 0), glyph('b', 14, 0), glyph(' ', 24, 0), glyph(' ', 0, 22, 0), glyph('c', 0, 22)])
    expect(lines.map((l) => l.text)).toEqual(['a b', 'c'])
    expect(lines[0].right).toBe(24)
    expect(groupIntoLines([glyph(' ', 0, 0), glyph('\n', 4, 0, 0)])).toEqual([])
  })

  it('writes each line with its size, colour, weight and the browser\'s width', () => {
    const attrs = textLineAttributes(12.345, 40, 100.004, { fontSize: '22.5px', color: 'rgb(29, 29, 29)', fontWeight: '700', fontStyle: 'italic' })
    expect(attrs).toEqual({
      x: '12.35', y: '40', 'dominant-baseline': 'central', 'font-size': '22.5', fill: 'rgb(29, 29, 29)',
      textLength: '100', 'font-weight': 'bold', 'font-style': 'italic',
    })
    const plain = textLineAttributes(0, 0, 0, { fontSize: '', color: '', fontWeight: '400', fontStyle: 'normal' })
    expect(plain).toEqual({ x: '0', y: '0', 'dominant-baseline': 'central', 'font-size': '16', fill: '#000' })
  })

  it('writes list markers and leaves out zero-width characters', () => {
    expect(listMarker(false, 3)).toBe('• ')
    expect(listMarker(true, 0)).toBe('1. ')
    expect(withoutInvisibles('Frame\u200b 方案\ufeff')).toBe('Frame 方案')
  })
})

describe('photos in the report SVG', () => {
  const board = 'b0ard-Id_1'
  const src = `/api/boards/${board}/assets/${'a'.repeat(64)}.jpg`
  const dataOf = (bytes: number, type = 'image/jpeg') => `data:${type};base64,${'A'.repeat(Math.ceil(bytes / 3) * 4)}`

  it('points an inlined photo back at the asset it came from', () => {
    const inlined = dataOf(900_000)
    expect(reportImageHref(inlined, new Map([[inlined, src]]), board, 256 * 1024)).toBe(src)
  })

  it('keeps small PNG/JPEG data, drops big or other data and anything not on this board', () => {
    const limit = 256 * 1024
    const small = dataOf(1000, 'image/png')
    expect(reportImageHref(small, new Map(), board, limit)).toBe(small)
    expect(reportImageHref(dataOf(300_000), new Map(), board, limit)).toBeNull()
    expect(reportImageHref(dataOf(100, 'image/svg+xml'), new Map(), board, limit)).toBeNull()
    expect(reportImageHref(src, new Map(), board, limit)).toBe(src)
    expect(reportImageHref(`/api/boards/other/assets/${'a'.repeat(64)}.jpg`, new Map(), board, limit)).toBeNull()
    expect(reportImageHref('https://example.com/x.jpg', new Map(), board, limit)).toBeNull()
    expect(reportImageHref('file:///etc/passwd', new Map(), board, limit)).toBeNull()
  })

  it('counts sizes as the server does', () => {
    expect(dataUrlBytes('data:image/png;base64,AAAA')).toBe(3)
    expect(dataUrlBytes('data:text/plain,hello')).toBe(5)
    expect(utf8Bytes('草稿a')).toBe(7)
    expect(formatSize(820 * 1024)).toBe('820 KB')
    expect(formatSize(3.4 * 1024 * 1024)).toBe('3.4 MB')
  })
})

describe('archive files', () => {
  it('recognises a ZIP by its first bytes', () => {
    expect(looksLikeZip(new Uint8Array([0x50, 0x4b, 3, 4]))).toBe(true)
    expect(looksLikeZip(new Uint8Array([0x50, 0x4b, 5, 6]))).toBe(true)
    expect(looksLikeZip(new Uint8Array([0x25, 0x50, 0x44, 0x46]))).toBe(false)
    expect(looksLikeZip(new Uint8Array([0x50, 0x4b]))).toBe(false)
  })
})
