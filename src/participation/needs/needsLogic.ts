/**
 * Pure rules of the needs UI: which needs show, in what order, how a category is named and drawn,
 * how a need typed in the form is checked. No DOM, no React:
 * test/ui/needs.test.ts covers it.
 */
import type { Lang } from '../../i18n/lang'
import { literal } from '../../shared/guards'
import {
  CATEGORIES_MAX,
  CATEGORY_LABEL_MAX,
  NEED_TEXT_MAX,
  RAISED_BY_MAX,
  type CategoryInput,
  type Need,
  type NeedCategory,
  type NeedSource,
  type PrivatePeriod,
} from '../../shared/participation'

export const NEED_SORTS = ['support', 'newest'] as const
export type NeedSort = (typeof NEED_SORTS)[number]
export const isNeedSort = literal(NEED_SORTS)
/** 'all' or a category id. */
export type NeedFilter = string
export const FILTER_ALL = 'all'

/** The pins: needs that were not merged into another one. */
/**
 * The needs shown as pins and in the list: not merged away, and not hidden — except its author's own
 * hidden need, shown to them greyed with the reason. The organizer and committee get hidden needs
 * too, but see them in their "已隐藏" list (moderation/HiddenList.tsx), not among the others.
 */
export function liveNeeds(needs: readonly Need[]): Need[] {
  return needs.filter((n) => n.mergedInto === null && (!n.hidden || n.mine))
}

export function filterNeeds(needs: readonly Need[], filter: NeedFilter): Need[] {
  return filter === FILTER_ALL ? [...needs] : needs.filter((n) => n.categoryId === filter)
}

/** Most support first (ties: newest first), or newest first. Never mutates its input. */
export function sortNeeds(needs: readonly Need[], sort: NeedSort): Need[] {
  const byNewest = (a: Need, b: Need) => b.createdAt - a.createdAt || a.id.localeCompare(b.id)
  return [...needs].sort(sort === 'support' ? (a, b) => b.support - a.support || byNewest(a, b) : byNewest)
}

/** The live needs of the list, filtered and sorted. */
export function listNeeds(needs: readonly Need[], filter: NeedFilter, sort: NeedSort): Need[] {
  return sortNeeds(filterNeeds(liveNeeds(needs), filter), sort)
}

/** The needs merged into `need`, oldest first. */
export function mergedInto(needs: readonly Need[], need: Need): Need[] {
  return needs.filter((n) => n.mergedInto === need.id).sort((a, b) => a.createdAt - b.createdAt)
}

/**
 * Needs another one may be merged into: live, and not the need itself. During 各自先想 (needs) a
 * need added since it started is on neither side: the server refuses such a merge until the reveal
 * (it would move the hidden need's tick onto one everyone sees).
 */
export function mergeTargets(needs: readonly Need[], need: Need, period: Pick<PrivatePeriod, 'scope' | 'startedAt'> | null = null): Need[] {
  if (addedDuring(period, need)) return []
  return sortNeeds(liveNeeds(needs).filter((n) => n.id !== need.id && !addedDuring(period, n)), 'support')
}

/** Whether `need` was added during the running 各自先想 (needs) period (the server's privateStore.inPeriod). */
export function addedDuring(period: Pick<PrivatePeriod, 'scope' | 'startedAt'> | null, need: Pick<Need, 'createdAt'>): boolean {
  return period !== null && period.scope === 'needs' && need.createdAt >= period.startedAt
}

/** A category's name in this language; English falls back to Chinese when it has none. */
export function categoryLabel(category: Pick<NeedCategory, 'zh' | 'en'> | undefined, lang: Lang, unknown = '?'): string {
  if (!category) return unknown
  return lang === 'en' ? category.en.trim() || category.zh : category.zh
}

/** The categories a new need may have: the visible ones, in order (plus the need's own one when editing). */
export function pickableCategories(categories: readonly NeedCategory[], keepId?: string): NeedCategory[] {
  return categories.filter((c) => !c.hidden || c.id === keepId)
}

// Fixed colours for the built-in categories: a pin's colour means the same thing on every board.
const BUILT_IN_COLOURS: Record<string, string> = {
  greenery: '#2e7d32',
  seating: '#8d5524',
  play: '#d81b60',
  accessibility: '#1565c0',
  lighting: '#f9a825',
  traffic: '#546e7a',
  culture: '#6a1b9a',
  sanitation: '#00838f',
  other: '#616161',
}
const EXTRA_COLOURS = ['#c62828', '#ef6c00', '#558b2f', '#283593', '#ad1457', '#00695c', '#4e342e', '#37474f']

/** The pin colour of a category: fixed for built-in ids, stable per id for added ones. */
export function categoryColour(categoryId: string): string {
  const fixed = BUILT_IN_COLOURS[categoryId]
  if (fixed) return fixed
  let hash = 0
  for (const ch of categoryId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0
  return EXTRA_COLOURS[hash % EXTRA_COLOURS.length]
}

/**
 * The one character on a pin: the first character of the category's name (绿, 座…; G, S… in
 * English). Characters, not emoji: many older phones (and our test machines) have no emoji font.
 */
export function categoryGlyph(label: string): string {
  const first = Array.from(label.trim())[0] ?? '?'
  return first.toLocaleUpperCase()
}

// --- the add / change form ---

export interface NeedDraft {
  categoryId: string | null
  text: string
  /** Only for committee members and organizers entering needs on residents' behalf. */
  source: NeedSource
  /** As typed. */
  raisedBy: string
}

export type DraftProblem =
  | { field: 'category' }
  | { field: 'text'; kind: 'empty' }
  | { field: 'text'; kind: 'long'; count: number }
  | { field: 'raisedBy' }

/** Text length as the server counts it (code points, after trimming). */
export function textLength(text: string): number {
  return Array.from(text.trim().normalize('NFC')).length
}

/** The first thing wrong with a draft, or null. `raisedBy` is checked only for a need entered on residents' behalf. */
export function draftProblem(draft: NeedDraft): DraftProblem | null {
  if (!draft.categoryId) return { field: 'category' }
  const count = textLength(draft.text)
  if (count === 0) return { field: 'text', kind: 'empty' }
  if (count > NEED_TEXT_MAX) return { field: 'text', kind: 'long', count }
  if (draft.source !== 'board' && parseRaisedBy(draft.raisedBy) === null) return { field: 'raisedBy' }
  return null
}

/** A whole number 1…RAISED_BY_MAX typed in any width of digits (１２ as well as 12), or null. */
export function parseRaisedBy(raw: string): number | null {
  const ascii = raw.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
  if (!/^\d{1,6}$/.test(ascii)) return null
  const n = Number(ascii)
  return n >= 1 && n <= RAISED_BY_MAX ? n : null
}

// --- categories (organizer) ---

export interface CategoryRow {
  /** Absent for a category added in this edit. */
  id?: string
  zh: string
  en: string
  hidden: boolean
  /** Some need has it: it may be hidden, not removed (the server answers 409 category_in_use). */
  inUse: boolean
}

export type CategoriesProblem = 'empty' | 'long' | 'noneVisible' | 'tooMany'

export function categoriesProblem(rows: readonly CategoryRow[]): CategoriesProblem | null {
  if (rows.length > CATEGORIES_MAX) return 'tooMany'
  if (rows.some((r) => r.zh.trim() === '')) return 'empty'
  if (rows.some((r) => Array.from(r.zh.trim()).length > CATEGORY_LABEL_MAX || Array.from(r.en.trim()).length > CATEGORY_LABEL_MAX)) return 'long'
  if (!rows.some((r) => !r.hidden)) return 'noneVisible'
  return null
}

export function categoryRows(categories: readonly NeedCategory[], needs: readonly Need[]): CategoryRow[] {
  const used = new Set(needs.map((n) => n.categoryId))
  return categories.map((c) => ({ id: c.id, zh: c.zh, en: c.en, hidden: c.hidden, inUse: used.has(c.id) }))
}

/** The body of PUT /categories for the rows as edited (an empty English name defaults to the Chinese one). */
export function categoriesRequest(rows: readonly CategoryRow[]): CategoryInput[] {
  return rows.map((r) => ({
    ...(r.id !== undefined && { id: r.id }),
    zh: r.zh.trim(),
    ...(r.en.trim() && { en: r.en.trim() }),
    hidden: r.hidden,
  }))
}

// --- jumping to a pin ---

export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

/**
 * Where on the screen to bring a pin: the centre of the largest part of the viewport that `cover`
 * (the side panel, a bottom sheet on a phone) leaves free, or the viewport's centre.
 */
export function visibleCentre(viewport: Rect, cover: Rect | null): { x: number; y: number } {
  const centre = (r: Rect) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 })
  if (!cover || cover.w <= 0 || cover.h <= 0) return centre(viewport)
  const vx2 = viewport.x + viewport.w
  const vy2 = viewport.y + viewport.h
  const cx2 = cover.x + cover.w
  const cy2 = cover.y + cover.h
  // No overlap: nothing hidden.
  if (cover.x >= vx2 || cx2 <= viewport.x || cover.y >= vy2 || cy2 <= viewport.y) return centre(viewport)
  const strips: Rect[] = [
    { x: viewport.x, y: viewport.y, w: viewport.w, h: cover.y - viewport.y }, // above
    { x: viewport.x, y: cy2, w: viewport.w, h: vy2 - cy2 }, // below
    { x: viewport.x, y: viewport.y, w: cover.x - viewport.x, h: viewport.h }, // left
    { x: cx2, y: viewport.y, w: vx2 - cx2, h: viewport.h }, // right
  ].filter((r) => r.w > 0 && r.h > 0)
  if (strips.length === 0) return centre(viewport)
  // The strip with the most room; one too thin to show a pin with its surroundings counts for little.
  const score = (r: Rect) => r.w * r.h * (Math.min(r.w, r.h) >= 80 ? 1 : 0.1)
  const best = strips.reduce((a, b) => (score(b) > score(a) ? b : a))
  return centre(best)
}
