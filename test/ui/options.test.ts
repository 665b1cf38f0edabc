import { describe, expect, it } from 'vitest'
import { strings } from '../../src/i18n/strings'
import { checkOptionTitle, nextOptionLetter, optionLetter } from '../../src/participation/options/optionTitle'
import { notInStageText, stagesAllowing } from '../../src/participation/options/notAvailable'
import { largestFreeRect } from '../../src/participation/options/zoomToVisible'
import { badgePosition } from '../../src/participation/options/badgePosition'
import { OPTION_TITLE_MAX } from '../../src/shared/participation'

describe('the default name of a new design option', () => {
  it('starts at A and takes the next free letter', () => {
    expect(nextOptionLetter([])).toBe('A')
    expect(nextOptionLetter(['方案 A'])).toBe('B')
    expect(nextOptionLetter(['方案 A', '方案 B：保留大树'])).toBe('C')
  })

  it('reuses a freed letter and reads English and unspaced titles', () => {
    expect(nextOptionLetter(['方案 A', '方案 C'])).toBe('B')
    expect(nextOptionLetter(['Option a', '方案B'])).toBe('C')
    expect(nextOptionLetter(['花园改造', '方案 A'])).toBe('B')
  })

  it('does not take a word for a letter', () => {
    expect(optionLetter('Optional seating')).toBeNull()
    expect(optionLetter('方案 Alpha')).toBeNull()
    expect(optionLetter('方案 D 升级版')).toBe('D')
  })

  it('goes on with numbers after Z', () => {
    const all = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((l) => `方案 ${l}`)
    expect(nextOptionLetter(all)).toBe('27')
  })
})

describe('checking an option title before sending it', () => {
  it('needs some text, at most the server limit in characters', () => {
    expect(checkOptionTitle('  ')).toBe('required')
    expect(checkOptionTitle('方案 A')).toBeNull()
    expect(checkOptionTitle('绿'.repeat(OPTION_TITLE_MAX))).toBeNull()
    expect(checkOptionTitle('绿'.repeat(OPTION_TITLE_MAX + 1))).toBe('tooLong')
  })
})

describe('why the option tools are not shown', () => {
  it('tells an expert which stages allow it', () => {
    expect(stagesAllowing('expert', ['editOptions', 'draw'])).toEqual(['siteVisit', 'negotiate'])
    const text = notInStageText(strings['zh-CN'], 'zh-CN', 'expert', 'needs', ['editOptions', 'draw'], '新建或修改方案')
    expect(text).toContain('收集需求')
    expect(text).toContain('专家实地察、多方共协商')
  })

  it('says nothing stage-wise to a role that never may', () => {
    expect(notInStageText(strings.en, 'en', 'resident', 'siteVisit', ['editOptions'], 'x')).toBeNull()
  })
})

describe('zooming to an option beside the open panel', () => {
  const canvas = { x: 0, y: 0, w: 1280, h: 700 }
  it('uses the canvas right of a side panel on a laptop', () => {
    expect(largestFreeRect(canvas, { x: 8, y: 8, w: 380, h: 600 })).toEqual({ x: 388, y: 0, w: 892, h: 700 })
  })
  it('uses the canvas above a bottom sheet on a phone', () => {
    expect(largestFreeRect({ x: 0, y: 0, w: 390, h: 690 }, { x: 0, y: 300, w: 390, h: 330 })).toEqual({ x: 0, y: 0, w: 390, h: 300 })
  })
  it('uses the whole canvas when no panel is open, or it leaves only a sliver', () => {
    expect(largestFreeRect(canvas, null)).toEqual(canvas)
    expect(largestFreeRect(canvas, { x: 0, y: 0, w: 1200, h: 650 })).toEqual(canvas)
  })
})

describe('an option\'s badge over its frame', () => {
  it('sits inside the frame\'s top-left corner, as wide as the frame allows', () => {
    expect(badgePosition({ x: 100, y: 50, w: 400, h: 300 }, 1280)).toEqual({ left: 106, top: 56, maxWidth: 388 })
  })

  it('stays on screen while the frame\'s corner is off it, never wider than what shows of the frame', () => {
    // Frame A mostly off the left edge, frame B starting right after it: A's badge ends before B.
    const a = badgePosition({ x: -300, y: 20, w: 420, h: 300 }, 390)
    expect(a?.left).toBe(6)
    expect(a!.left + a!.maxWidth).toBeLessThanOrEqual(120)
    expect(badgePosition({ x: 100, y: 20, w: 1000, h: 300 }, 390)!.maxWidth).toBe(390 - 6 - 106)
  })

  it('is left out when only a sliver of the frame shows', () => {
    expect(badgePosition({ x: -380, y: 20, w: 420, h: 300 }, 390)).toBeNull()
  })
})
