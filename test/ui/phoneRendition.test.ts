import { afterEach, describe, expect, it, vi } from 'vitest'
import type { TLAssetContext, TLImageAsset } from 'tldraw'
import { prefetch, requestOk } from '../../src/net/api'
import { createAssetStore } from '../../src/board/assetStore'
import { strings } from '../../src/i18n/strings'
import { renditionUrl } from '../../src/shared/imageRendition'

const JPG = `/api/boards/AAAAAAAAAAAAAAAAAAAAAA/assets/${'a'.repeat(64)}.jpg`

function plan(src: string, w = 2000, h = 1250): TLImageAsset {
  return { id: 'asset:plan', typeName: 'asset', type: 'image', meta: {}, props: { src, w, h, name: 'plan', mimeType: 'image/jpeg', isAnimated: false, fileSize: 1 } } as TLImageAsset
}

const ctx = (screenScale: number, dpr: number, shouldResolveToOriginal = false): TLAssetContext =>
  ({ screenScale, steppedScreenScale: screenScale, dpr, networkEffectiveType: null, shouldResolveToOriginal })

const store = createAssetStore({ boardId: 'AAAAAAAAAAAAAAAAAAAAAA', maxUploadBytes: 1e7, i18n: () => ({ t: strings['zh-CN'], lang: 'zh-CN' }), notify: () => {} })

describe('which image the board shows', () => {
  it('a phone seeing the whole plan gets the rendition; zoomed in, a desktop, or an export get the original', async () => {
    // 390 px phone at 3×: the fitted 2000 px plan is drawn 0.195× → 1170 device pixels.
    expect(await store.resolve!(plan(JPG), ctx(0.195, 3))).toBe(`${JPG}/small`)
    expect(await store.resolve!(plan(JPG), ctx(0.5, 3))).toBe(JPG)
    expect(await store.resolve!(plan(JPG), ctx(0.7, 1))).toBe(JPG)
    expect(await store.resolve!(plan(JPG), ctx(0.195, 3, true))).toBe(JPG)
  })

  it('only our own uploaded JPEGs larger than the rendition have one', async () => {
    expect(await store.resolve!(plan(JPG.replace('.jpg', '.png')), ctx(0.1, 1))).toBe(JPG.replace('.jpg', '.png'))
    expect(await store.resolve!(plan(JPG, 1000, 800), ctx(0.1, 1))).toBe(JPG)
    expect(renditionUrl('https://elsewhere.example/a.jpg')).toBeNull()
    expect(renditionUrl(`${JPG}/../x.jpg`)).toBeNull()
  })
})

describe('answers fetched before the page code ran', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('go only to a request with the same token, once', async () => {
    const calls: (string | null)[] = []
    vi.stubGlobal('fetch', vi.fn(async (_path: string, init: RequestInit) => {
      calls.push(new Headers(init.headers).get('authorization'))
      return new Response('{}', { status: 200 })
    }))
    const opts = { t: strings['zh-CN'], lang: 'zh-CN' }
    void prefetch('/api/projects/P/participation', 'token-of-alice-000000')
    expect(calls).toEqual(['Bearer token-of-alice-000000'])
    // Another token (or none) is not given Alice's answer: it asks the server itself.
    await requestOk('/api/projects/P/participation', { headers: { authorization: 'Bearer token-of-bob-00000000' } }, opts)
    await requestOk('/api/projects/P/participation', {}, opts)
    expect(calls).toHaveLength(3)
    // Alice's own request takes it, and only the first time.
    await requestOk('/api/projects/P/participation', { headers: { authorization: 'Bearer token-of-alice-000000' } }, opts)
    expect(calls).toHaveLength(3)
    await requestOk('/api/projects/P/participation', { headers: { authorization: 'Bearer token-of-alice-000000' } }, opts)
    expect(calls).toHaveLength(4)
  })
})
