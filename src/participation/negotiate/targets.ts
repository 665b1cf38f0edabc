/**
 * What a comment thread is about (an option, a need, a shape on the board): its name in the panel,
 * where it is on the canvas, and how to bring it into view.
 */
import { isShapeId, type Editor } from 'tldraw'
import { format, type Lang, type Strings } from '../../i18n/lang'
import type { CommentTarget, DesignOption, Need, ParticipationState } from '../../shared/participation'

export const targetKey = (target: CommentTarget): string => `${target.kind}:${target.id}`

export function parseTargetKey(key: string): CommentTarget | null {
  const i = key.indexOf(':')
  const kind = key.slice(0, i)
  const id = key.slice(i + 1)
  if (i < 0 || !id || (kind !== 'need' && kind !== 'option' && kind !== 'shape')) return null
  return { kind, id }
}

const shorten = (text: string, max = 24) => (text.length > max ? `${text.slice(0, max)}…` : text)

export function needLabel(need: Need, participation: ParticipationState, lang: Lang): string {
  const category = participation.categories.find((c) => c.id === need.categoryId)
  const name = category ? (lang === 'en' ? category.en : category.zh) : ''
  return name ? `${name} · ${shorten(need.text)}` : shorten(need.text)
}

/** "方案：东侧花园", "需求：绿化 · 多种树…", "图上的一个图形". */
export function describeTarget(target: CommentTarget, participation: ParticipationState, t: Strings, lang: Lang): string {
  const s = t.negotiate.target
  if (target.kind === 'option') {
    const option = participation.options.find((o) => o.id === target.id)
    return format(s.option, { title: option?.title ?? s.gone })
  }
  if (target.kind === 'need') {
    const need = participation.needs.find((n) => n.id === target.id)
    return format(s.need, { text: need ? needLabel(need, participation, lang) : s.gone })
  }
  return s.shape
}

/** The option whose frame is this shape, if any (a comment on the frame is a comment on the option). */
export function optionOfShape(options: readonly DesignOption[], shapeId: string): DesignOption | undefined {
  return options.find((o) => o.frameShapeId === shapeId)
}

/** The page bounds of a shape on this board, or null when it is not (or no longer) there. */
export function shapeBounds(editor: Editor, shapeId: string | null) {
  // A string without the shape prefix is no shape's id: no bounds either way.
  if (!shapeId || !isShapeId(shapeId)) return null
  return editor.getShapePageBounds(shapeId) ?? null
}

/**
 * Where a target's marker sits, in page coordinates: beside a need's pin, at the top-right corner
 * of an option's frame or of a shape. Null when the target is not on the board.
 */
export function targetAnchor(editor: Editor, target: CommentTarget, participation: ParticipationState): { x: number; y: number } | null {
  if (target.kind === 'need') {
    const need = participation.needs.find((n) => n.id === target.id)
    return need ? { x: need.x, y: need.y } : null
  }
  const shapeId = target.kind === 'option' ? participation.options.find((o) => o.id === target.id)?.frameShapeId ?? null : target.id
  const bounds = shapeBounds(editor, shapeId)
  return bounds ? { x: bounds.maxX, y: bounds.minY } : null
}

const MOVE = { animation: { duration: 400 } }

/** Bring a target into view; false when it is not on the board. */
export function showTarget(editor: Editor, target: CommentTarget, participation: ParticipationState): boolean {
  if (target.kind === 'need') {
    const need = participation.needs.find((n) => n.id === target.id)
    if (!need) return false
    editor.centerOnPoint({ x: need.x, y: need.y }, MOVE)
    return true
  }
  const shapeId = target.kind === 'option' ? participation.options.find((o) => o.id === target.id)?.frameShapeId ?? null : target.id
  const bounds = shapeBounds(editor, shapeId)
  if (!bounds) return false
  editor.zoomToBounds(bounds, { inset: 48, targetZoom: 1, ...MOVE })
  return true
}
