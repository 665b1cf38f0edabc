import { describe, expect, it } from 'vitest'
import { describeFailure, type ErrorBody } from '../../src/net/api'
import { checkImageFile, formatBytes } from '../../src/board/assetStore'
import { strings } from '../../src/i18n/strings'

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])
const GIF = new TextEncoder().encode('GIF89a......')

describe('images refused before upload', () => {
  it('accepts a real PNG or GIF under the limit', async () => {
    expect(await checkImageFile(new Blob([PNG], { type: 'image/png' }), 1000)).toBeNull()
    expect(await checkImageFile(new Blob([GIF], { type: 'image/gif' }), 1000)).toBeNull()
  })

  it('refuses other types, even ones tldraw could draw', async () => {
    const svg = new Blob(['<svg xmlns="http://www.w3.org/2000/svg"/>'], { type: 'image/svg+xml' })
    expect(await checkImageFile(svg, 1000)).toBe('type')
    expect(await checkImageFile(new Blob([PNG], { type: 'video/mp4' }), 1000)).toBe('type')
  })

  it('refuses a file whose bytes are not what its type claims', async () => {
    expect(await checkImageFile(new Blob(['not a picture'], { type: 'image/jpeg' }), 1000)).toBe('type')
  })

  it('refuses a file over the limit', async () => {
    expect(await checkImageFile(new Blob([PNG, new Uint8Array(100)], { type: 'image/png' }), 50)).toBe('size')
  })

  it('states limits in readable units', () => {
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB')
    expect(formatBytes(1.5 * 1024 * 1024)).toBe('1.5 MB')
    expect(formatBytes(300 * 1024)).toBe('300 KB')
  })
})

describe('API failures in words', () => {
  it('words each failure in Chinese without the server’s English', () => {
    const zh = strings['zh-CN']
    const body: ErrorBody = { error: 'Board not found', code: 'not_found' }
    expect(describeFailure(zh, 'zh-CN', 0, null)).toBe(zh.errors.network)
    expect(describeFailure(zh, 'zh-CN', 404, body)).toBe(zh.errors.notFound)
    expect(describeFailure(zh, 'zh-CN', 415, null)).toBe(zh.upload.wrongType)
    expect(describeFailure(zh, 'zh-CN', 503, null)).toBe(zh.errors.server)
  })

  it('passes the server’s own sentence to English readers', () => {
    const body = { error: 'Board name must be at most 120 characters', code: 'invalid_board_name' } satisfies ErrorBody
    expect(describeFailure(strings.en, 'en', 400, body)).toBe(body.error)
    expect(describeFailure(strings.en, 'en', 400, null)).toBe(strings.en.errors.badRequest)
  })
})
