import { describe, expect, it } from 'vitest'
import { fitInBox, fitWithin, gridColumns, photoPosition, PHOTO_CELL, PHOTO_GAP, PHOTO_MAX_SIDE } from '../../src/participation/options/photoLayout'
import { sitePhotoMeta } from '../../src/participation/options/sitePhotos'

describe('shrinking a site photo before upload', () => {
  it('brings the long side down to the limit, keeping the shape', () => {
    expect(fitWithin(4032, 3024)).toEqual({ width: PHOTO_MAX_SIDE, height: 1500 })
    expect(fitWithin(3024, 4032)).toEqual({ width: 1500, height: PHOTO_MAX_SIDE })
    expect(fitWithin(9000, 10)).toEqual({ width: 2000, height: 2 })
  })

  it('never enlarges a small photo, never makes a side 0', () => {
    expect(fitWithin(1280, 960)).toEqual({ width: 1280, height: 960 })
    expect(fitWithin(20000, 1)).toEqual({ width: 2000, height: 1 })
    expect(() => fitWithin(0, 100)).toThrow(RangeError)
  })
})

describe('placing the photos of one upload around the tapped spot', () => {
  it('fits each photo in a cell about 300 units wide', () => {
    expect(fitInBox(4000, 3000)).toEqual({ width: PHOTO_CELL, height: 225 })
    expect(fitInBox(1500, 2000)).toEqual({ width: 225, height: PHOTO_CELL })
  })

  it('lays them out as a near-square grid centred on the spot', () => {
    expect([1, 2, 3, 4, 5, 9, 10, 12].map(gridColumns)).toEqual([1, 2, 2, 2, 3, 3, 4, 4])
    const center = { x: 1000, y: 500 }
    const square = { width: PHOTO_CELL, height: PHOTO_CELL }
    // One photo: centred on the spot.
    expect(photoPosition(0, 1, center, square)).toEqual({ x: 1000 - PHOTO_CELL / 2, y: 500 - PHOTO_CELL / 2 })
    // Four photos: 2×2, the spot in the middle of the gap.
    const span = PHOTO_CELL + PHOTO_GAP / 2
    expect(photoPosition(0, 4, center, square)).toEqual({ x: 1000 - span, y: 500 - span })
    expect(photoPosition(3, 4, center, square)).toEqual({ x: 1000 + PHOTO_GAP / 2, y: 500 + PHOTO_GAP / 2 })
  })

  it('never overlaps two photos of one upload', () => {
    const size = fitInBox(4000, 3000)
    const spots = Array.from({ length: 12 }, (_, i) => photoPosition(i, 12, { x: 0, y: 0 }, size))
    for (let i = 0; i < spots.length; i++) {
      for (let j = i + 1; j < spots.length; j++) {
        const a = spots[i]!
        const b = spots[j]!
        const apart = Math.abs(a.x - b.x) >= size.width || Math.abs(a.y - b.y) >= size.height
        expect(apart).toBe(true)
      }
    }
  })
})

describe('what a site photo keeps on the board', () => {
  it('keeps the location in the shape meta only when asked to', () => {
    expect(sitePhotoMeta('2024-05-18T09:41:07', null)).toEqual({ cgKind: 'sitePhoto', takenAt: '2024-05-18T09:41:07' })
    expect(sitePhotoMeta(null, { lat: 31.2, lon: 121.4 })).toEqual({ cgKind: 'sitePhoto', takenAt: null, gps: { lat: 31.2, lon: 121.4 } })
  })
})
