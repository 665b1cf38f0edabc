import { describe, expect, it } from 'vitest'
import { readLargeText } from '../../src/ui/largeText'
import type { KeyValueStore } from '../../src/device/localStore'
import { strings } from '../../src/i18n/strings'
import { groupBounds, groupPins, PIN_GAP_PX, pinWidthPx, TAIL_INSET_PX } from '../../src/participation/needs/pinGroups'
import {
  categoriesProblem,
  categoriesRequest,
  categoryColour,
  categoryGlyph,
  categoryLabel,
  categoryRows,
  draftProblem,
  filterNeeds,
  listNeeds,
  liveNeeds,
  mergedInto,
  mergeTargets,
  parseRaisedBy,
  pickableCategories,
  sortNeeds,
  visibleCentre,
  type CategoryRow,
  type NeedDraft,
} from '../../src/participation/needs/needsLogic'
import { whenAllowed } from '../../src/participation/needs/needsText'
import { fitWithin, NEED_PHOTO, SITE_PHOTO } from '../../src/participation/resizePhoto'
import { DEFAULT_CATEGORIES, NEED_TEXT_MAX, RAISED_BY_MAX, type Need, type NeedCategory } from '../../src/shared/participation'

function need(id: string, patch: Partial<Need> = {}): Need {
  return {
    id,
    x: 0,
    y: 0,
    categoryId: 'greenery',
    text: `need ${id}`,
    photoSrc: null,
    source: 'board',
    raisedBy: 0,
    author: { participantId: 'p1', name: '王阿姨', role: 'resident' },
    stage: 'needs',
    createdAt: 1000,
    updatedAt: 1000,
    ticks: 1,
    support: 1,
    tickedByMe: false,
    mine: false,
    mergedInto: null,
    mergedFrom: [],
    addressedBy: [],
    ...patch,
  }
}

const categories: NeedCategory[] = DEFAULT_CATEGORIES.map((c) => ({ ...c, hidden: false, builtIn: true }))

describe('which needs show and in what order', () => {
  const a = need('a', { support: 3, createdAt: 100, categoryId: 'seating' })
  const b = need('b', { support: 7, createdAt: 200 })
  const c = need('c', { support: 3, createdAt: 300 })
  const merged = need('m', { support: 9, createdAt: 400, mergedInto: 'b' })
  const all = [a, b, c, merged]

  it('pins and the list show only needs that were not merged away', () => {
    expect(liveNeeds(all).map((n) => n.id)).toEqual(['a', 'b', 'c'])
  })

  it('sorts by support, newest first among equals, or newest first', () => {
    expect(sortNeeds([a, b, c], 'support').map((n) => n.id)).toEqual(['b', 'c', 'a'])
    expect(sortNeeds([a, b, c], 'newest').map((n) => n.id)).toEqual(['c', 'b', 'a'])
  })

  it('does not reorder the state it was given', () => {
    const input = [a, b, c]
    sortNeeds(input, 'support')
    expect(input.map((n) => n.id)).toEqual(['a', 'b', 'c'])
  })

  it('filters by category', () => {
    expect(filterNeeds([a, b, c], 'seating').map((n) => n.id)).toEqual(['a'])
    expect(filterNeeds([a, b, c], 'all')).toHaveLength(3)
    expect(listNeeds(all, 'greenery', 'support').map((n) => n.id)).toEqual(['b', 'c'])
  })

  it('lists a need’s merged history and what it may be merged into', () => {
    expect(mergedInto(all, b).map((n) => n.id)).toEqual(['m'])
    expect(mergeTargets(all, a).map((n) => n.id)).toEqual(['b', 'c'])
  })

  it('during 各自先想 (needs) leaves the needs added since it started out of merges, on either side', () => {
    const period = { scope: 'needs' as const, startedAt: 300 }
    expect(mergeTargets(all, a, period).map((n) => n.id)).toEqual(['b'])
    expect(mergeTargets(all, c, period)).toEqual([])
    expect(mergeTargets(all, a, { scope: 'comments', startedAt: 300 }).map((n) => n.id)).toEqual(['b', 'c'])
  })
})

describe('categories', () => {
  it('are named in the reader’s language, English falling back to Chinese', () => {
    expect(categoryLabel(categories[0], 'zh-CN')).toBe('绿化')
    expect(categoryLabel(categories[0], 'en')).toBe('Greenery')
    expect(categoryLabel({ zh: '健身', en: ' ' }, 'en')).toBe('健身')
    expect(categoryLabel(undefined, 'en')).toBe('?')
  })

  it('offers only visible ones for a new need, but keeps a need’s own hidden one when editing', () => {
    const withHidden = categories.map((c) => (c.id === 'traffic' ? { ...c, hidden: true } : c))
    expect(pickableCategories(withHidden).map((c) => c.id)).not.toContain('traffic')
    expect(pickableCategories(withHidden, 'traffic').map((c) => c.id)).toContain('traffic')
  })

  it('draws each built-in one in its own colour, an added one in a stable colour, with one character', () => {
    const colours = new Set(DEFAULT_CATEGORIES.map((c) => categoryColour(c.id)))
    expect(colours.size).toBe(DEFAULT_CATEGORIES.length)
    expect(categoryColour('c-abc')).toBe(categoryColour('c-abc'))
    expect(categoryGlyph('照明安全')).toBe('照')
    expect(categoryGlyph('greenery')).toBe('G')
    expect(categoryGlyph('')).toBe('?')
  })

  it('checks the organizer’s edited list before sending it', () => {
    const rows: CategoryRow[] = categoryRows(categories.slice(0, 2), [need('a', { categoryId: 'seating' })])
    expect(rows.map((r) => r.inUse)).toEqual([false, true])
    expect(categoriesProblem(rows)).toBeNull()
    expect(categoriesProblem([...rows, { zh: ' ', en: '', hidden: false, inUse: false }])).toBe('empty')
    expect(categoriesProblem(rows.map((r) => ({ ...r, hidden: true })))).toBe('noneVisible')
    expect(categoriesProblem([{ ...rows[0], zh: '长'.repeat(41) }])).toBe('long')
    expect(categoriesRequest([...rows, { zh: ' 健身 ', en: '', hidden: false, inUse: false }])).toEqual([
      { id: 'greenery', zh: '绿化', en: 'Greenery', hidden: false },
      { id: 'seating', zh: '休憩座椅', en: 'Seating', hidden: false },
      { zh: '健身', hidden: false },
    ])
  })
})

describe('the add-need form', () => {
  const ok: NeedDraft = { categoryId: 'lighting', text: '这里太黑', source: 'board', raisedBy: '' }

  it('asks for a category, then some text within the limit', () => {
    expect(draftProblem(ok)).toBeNull()
    expect(draftProblem({ ...ok, categoryId: null })).toEqual({ field: 'category' })
    expect(draftProblem({ ...ok, text: '  \n ' })).toEqual({ field: 'text', kind: 'empty' })
    expect(draftProblem({ ...ok, text: '字'.repeat(NEED_TEXT_MAX) })).toBeNull()
    expect(draftProblem({ ...ok, text: '字'.repeat(NEED_TEXT_MAX + 1) })).toEqual({ field: 'text', kind: 'long', count: NEED_TEXT_MAX + 1 })
  })

  it('counts characters, not UTF-16 units, as the server does', () => {
    expect(draftProblem({ ...ok, text: '𠀀'.repeat(NEED_TEXT_MAX) })).toBeNull()
  })

  it('asks how many residents raised a need entered on their behalf', () => {
    expect(draftProblem({ ...ok, source: 'paper', raisedBy: '12' })).toBeNull()
    expect(draftProblem({ ...ok, source: 'paper', raisedBy: '0' })).toEqual({ field: 'raisedBy' })
    expect(parseRaisedBy('１２')).toBe(12)
    expect(parseRaisedBy(String(RAISED_BY_MAX))).toBe(RAISED_BY_MAX)
    for (const bad of ['', '0', '-1', '1.5', 'abc', String(RAISED_BY_MAX + 1)]) expect(parseRaisedBy(bad)).toBeNull()
  })
})

describe('photo resizing (one module for need photos and site photos)', () => {
  const need = (w: number, h: number) => fitWithin(w, h, NEED_PHOTO.maxSide)
  it('brings a need photo\'s long side down to 1600 px, keeping the shape, and never enlarges', () => {
    expect(need(4032, 3024)).toEqual({ width: 1600, height: 1200 })
    expect(need(3024, 4032)).toEqual({ width: 1200, height: 1600 })
    expect(need(800, 600)).toEqual({ width: 800, height: 600 })
    expect(need(1600, 1600)).toEqual({ width: 1600, height: 1600 })
    expect(need(20000, 10)).toEqual({ width: 1600, height: 1 })
    expect(() => need(0, 10)).toThrow(RangeError)
  })
  it('keeps site photos sharper than need photos', () => {
    expect(fitWithin(4032, 3024, SITE_PHOTO.maxSide)).toEqual({ width: 2000, height: 1500 })
    expect(SITE_PHOTO.maxSide).toBeGreaterThan(NEED_PHOTO.maxSide)
  })
})

describe('jumping to a pin', () => {
  const viewport = { x: 0, y: 150, w: 390, h: 694 }

  it('centres in the viewport when nothing covers it', () => {
    expect(visibleCentre(viewport, null)).toEqual({ x: 195, y: 497 })
    expect(visibleCentre(viewport, { x: 500, y: 0, w: 100, h: 100 })).toEqual({ x: 195, y: 497 })
  })

  it('centres in what a bottom sheet leaves free', () => {
    expect(visibleCentre(viewport, { x: 0, y: 400, w: 390, h: 380 })).toEqual({ x: 195, y: 275 })
  })

  it('centres beside a side panel on a laptop', () => {
    expect(visibleCentre({ x: 0, y: 200, w: 1280, h: 600 }, { x: 8, y: 260, w: 380, h: 450 })).toEqual({ x: 834, y: 500 })
  })
})

describe('why a control is not there', () => {
  const t = strings['zh-CN']
  it('names the stages in which this role can do it', () => {
    expect(whenAllowed(t, 'zh-CN', 'resident', 'addNeed')).toBe('您（居民）可以在这些阶段做：收集需求。')
    expect(whenAllowed(strings.en, 'en', 'resident', 'approve')).toBe('You (Resident) cannot do this.')
  })
})

describe('large text', () => {
  const store = (value: string | null): KeyValueStore => ({ getItem: () => value, setItem: () => {}, removeItem: () => {} })
  it('is remembered on the device and off unless switched on', () => {
    expect(readLargeText(store('on'))).toBe(true)
    expect(readLargeText(store('off'))).toBe(false)
    expect(readLargeText(store(null))).toBe(false)
    expect(readLargeText(null)).toBe(false)
  })
})

describe('need pins that would overlap on the screen', () => {
  const pin = (id: string, x: number, y: number) => ({ id, x, y })
  const ids = (groups: ReturnType<typeof groupPins<ReturnType<typeof pin>>>) => groups.map((g) => g.members.map((m) => m.id))

  it('groups pins whose boxes touch under the first (most supported) one, and leaves pins apart alone', () => {
    // 100 px wide, 60 px high pins at zoom 1: a and b overlap, c is far away, d is just out of reach.
    const pins = [pin('a', 0, 0), pin('b', 50, 10), pin('c', 1000, 1000), pin('d', 0, 60 + PIN_GAP_PX)]
    expect(ids(groupPins(pins, () => 100, 60, 1))).toEqual([['a', 'b'], ['c'], ['d']])
  })

  it('regroups with the zoom: zoomed in far enough, every pin is alone again', () => {
    const pins = [pin('a', 0, 0), pin('b', 50, 10), pin('c', 20, 30)]
    expect(ids(groupPins(pins, () => 100, 60, 1))).toEqual([['a', 'b', 'c']])
    expect(ids(groupPins(pins, () => 100, 60, 4))).toEqual([['a'], ['b'], ['c']])
  })

  it('slides a crowded pin\'s label sideways over its tail before grouping it', () => {
    // b's box centred would touch a's; slid right by half its width less the tail inset it is clear.
    const groups = groupPins([pin('a', 0, 0), pin('b', 100, 0)], () => 100, 60, 1)
    expect(ids(groups)).toEqual([['a'], ['b']])
    expect(groups.map((g) => g.shift)).toEqual([0, 50 - TAIL_INSET_PX])
    // Hemmed in on both sides: c joins the first box in its way.
    const hemmed = groupPins([pin('a', -100, 0), pin('b', 100, 0), pin('c', 0, 0)], () => 100, 60, 1)
    expect(ids(hemmed)).toEqual([['a', 'c'], ['b']])
  })

  it('joins a pin to the earliest group it touches, whatever cell that group sits in', () => {
    const pins = [pin('a', 0, 0), pin('b', 190, 0), pin('c', 95, 0)]
    expect(ids(groupPins(pins, () => 100, 60, 1))).toEqual([['a', 'c'], ['b']])
  })

  it('uses each pin\'s own width: a short label next to a long one', () => {
    const width = (p: { id: string }) => (p.id === 'long' ? 300 : 60)
    expect(ids(groupPins([pin('long', 0, 0), pin('short', 170, 0)], width, 60, 1))).toEqual([['long', 'short']])
    expect(ids(groupPins([pin('short', 0, 0), pin('short2', 70, 0)], width, 60, 1))).toEqual([['short'], ['short2']])
  })

  it('estimates a Chinese label wider than the same number of Latin letters, and caps a long name', () => {
    expect(pinWidthPx('休憩座椅', '4人', 16, 8)).toBeGreaterThan(pinWidthPx('Seat', '· 4', 16, 8))
    expect(pinWidthPx('非常非常非常非常长的类别名称', '4人', 16, 8)).toBe(pinWidthPx('非常非常非常非常', '4人', 16, 8))
    expect(pinWidthPx('休憩座椅', '4人', 20, 8)).toBeGreaterThan(pinWidthPx('休憩座椅', '4人', 16, 8))
  })

  it('bounds a group by its pins\' places', () => {
    expect(groupBounds([pin('a', 10, 20), pin('b', -5, 40)])).toEqual({ x: -5, y: 20, w: 15, h: 20 })
  })
})
