/**
 * The base plan on the board: one image asset and one locked image shape, with fixed ids so that
 * two organizer tabs (or a tab that re-inserts after a reload) write the same records and converge
 * to a single plan instead of stacking copies.
 */
import {
  AssetRecordType,
  createShapeId,
  getIndexBelow,
  getIndexBetween,
  isShapeId,
  type Editor,
  type TLImageAsset,
  type TLImageShape,
  type TLFrameShape,
  type TLShape,
} from 'tldraw'
import type { BasePlan } from '../shared/projectApi'
import { PLAN_COPY_META } from '../shared/boardRules'
import { basePlanCanvasSize } from './geometry'

/** Space between design options' frames side by side, in page units (src/participation/options/optionFrame.ts). */
export const OPTION_FRAME_GAP = 200

export const BASE_PLAN_ASSET_ID = AssetRecordType.createId('baseplan')
export const BASE_PLAN_SHAPE_ID = createShapeId('baseplan')

export type EnsureResult = 'created' | 'updated' | 'unchanged'

function assetProps(plan: BasePlan, name: string): TLImageAsset['props'] {
  return { name, src: plan.src, w: plan.width, h: plan.height, mimeType: plan.mimeType, isAnimated: false }
}

/**
 * Puts the base plan on the current page if it is missing (at the origin, below every shape,
 * locked), or points it at a new image if the organizer replaced the plan. Idempotent.
 * Kept out of the undo history: undo must never take the plan away from under the drawings.
 */
export function ensureBasePlan(editor: Editor, plan: BasePlan, name: string): EnsureResult {
  let result: EnsureResult = 'unchanged'
  const size = basePlanCanvasSize(plan.width, plan.height)
  editor.run(
    () => {
      const asset = editor.getAsset(BASE_PLAN_ASSET_ID)
      let assetChanged = false
      if (!asset) {
        editor.createAssets([
          AssetRecordType.create({ id: BASE_PLAN_ASSET_ID, type: 'image', props: assetProps(plan, name), meta: { cgBasePlan: true } }),
        ])
      } else if (
        asset.type !== 'image' ||
        asset.props.src !== plan.src ||
        asset.props.w !== plan.width ||
        asset.props.h !== plan.height ||
        asset.props.mimeType !== plan.mimeType
      ) {
        editor.updateAssets([{ id: BASE_PLAN_ASSET_ID, type: 'image', props: assetProps(plan, name) }])
        assetChanged = true
      }

      const shape = editor.getShape(BASE_PLAN_SHAPE_ID)
      if (!shape) {
        const pageId = editor.getCurrentPageId()
        const lowestId = editor.getSortedChildIdsForParent(pageId)[0]
        const lowest = lowestId ? editor.getShape(lowestId) : undefined
        editor.createShape<TLImageShape>({
          id: BASE_PLAN_SHAPE_ID,
          type: 'image',
          parentId: pageId,
          index: getIndexBelow(lowest?.index),
          x: 0,
          y: 0,
          isLocked: true,
          meta: { cgBasePlan: true },
          props: { assetId: BASE_PLAN_ASSET_ID, w: size.w, h: size.h },
        })
        result = 'created'
      } else if (assetChanged && shape.type === 'image') {
        // A new plan may have another shape: keep its proportions (the old scale no longer holds).
        editor.updateShape<TLImageShape>({ id: BASE_PLAN_SHAPE_ID, type: 'image', props: { w: size.w, h: size.h } })
        resizePlanCopies(editor, size)
        result = 'updated'
      } else if (assetChanged) {
        result = 'updated'
      }
    },
    { history: 'ignore', ignoreShapeLock: true },
  )
  return result
}

/**
 * The copies of the plan in design options show the same asset, so they show the new plan at once;
 * they and their frames take its new size too, so it is not stretched (drawn by the organizer's
 * client, which may change everyone's records; the drawings over the old plan stay where they were).
 */
function resizePlanCopies(editor: Editor, size: { w: number; h: number }): void {
  const frames: TLFrameShape[] = []
  for (const id of editor.getCurrentPageShapeIds()) {
    const copy = editor.getShape(id)
    if (!isPlanCopy(copy) || copy.props.assetId !== BASE_PLAN_ASSET_ID) continue
    if (copy.props.w === size.w && copy.props.h === size.h) continue
    editor.updateShape<TLImageShape>({ id: copy.id, type: 'image', props: { w: size.w, h: size.h } })
    // getShape takes any parent id (a page's gives undefined).
    const frame = editor.getShape(copy.parentId)
    if (frame?.type === 'frame') frames.push(frame)
  }
  // The frames stood beside the plan and each other, 200 units apart (optionFrame.ts): a bigger plan
  // must not make them overlap the plan or each other, so, left to right, a frame that would is
  // moved right past what it would overlap.
  const plan = editor.getShape(BASE_PLAN_SHAPE_ID)
  const placed: { x: number; y: number; w: number; h: number }[] = plan ? [{ x: plan.x, y: plan.y, w: size.w, h: size.h }] : []
  frames.sort((a, b) => a.x - b.x)
  for (const frame of frames) {
    const box = { x: frame.x, y: frame.y, w: size.w, h: size.h }
    for (let moved = true; moved; ) {
      moved = false
      for (const p of placed) {
        const overlaps = box.x < p.x + p.w + OPTION_FRAME_GAP && p.x < box.x + box.w + OPTION_FRAME_GAP && box.y < p.y + p.h && p.y < box.y + box.h
        if (overlaps) {
          box.x = p.x + p.w + OPTION_FRAME_GAP
          moved = true
        }
      }
    }
    placed.push(box)
    editor.updateShape<TLFrameShape>({ id: frame.id, type: 'frame', x: box.x, props: { w: size.w, h: size.h } })
  }
}

/** Show the whole plan. */
export function zoomToBasePlan(editor: Editor): void {
  const bounds = editor.getShapePageBounds(BASE_PLAN_SHAPE_ID)
  if (bounds) editor.zoomToBounds(bounds, { inset: 24, animation: { duration: 250 } })
}

/** A copy of the base plan inside a design option's frame (src/participation/options/optionFrame.ts). */
export function isPlanCopy(shape: TLShape | undefined): shape is TLImageShape {
  return shape?.type === 'image' && shape.meta[PLAN_COPY_META] === true
}

/** The plan a shape must stay above: the base plan beside it on the page, or the plan copy in its option's frame. */
function floorFor(editor: Editor, shape: TLShape): TLShape | undefined {
  const plan = editor.getShape(BASE_PLAN_SHAPE_ID)
  if (plan && plan.parentId === shape.parentId) return plan
  if (!isShapeId(shape.parentId)) return undefined
  for (const id of editor.getSortedChildIdsForParent(shape.parentId)) {
    const child = editor.getShape(id)
    if (child && child.id !== shape.id && isPlanCopy(child)) return child
  }
  return undefined
}

/**
 * Keeps every shape above the base plan, and above the plan copy inside an option's frame:
 * "send to back" on a drawing would otherwise hide it under an opaque photo, and a resident
 * could not get it back (the plan is locked). Applied on the client that makes the change
 * (`source === 'user'`) so the corrected index is what gets synced; remote changes are left
 * alone, as blocking them would make the store drift from the doc.
 */
export function keepShapesAboveBasePlan(editor: Editor): () => void {
  const lift = <T extends TLShape>(next: T, source: 'user' | 'remote'): T => {
    if (source !== 'user' || next.id === BASE_PLAN_SHAPE_ID || isPlanCopy(next)) return next
    const plan = floorFor(editor, next)
    if (!plan || next.index > plan.index) return next
    let above: TLShape | undefined
    for (const id of editor.getSortedChildIdsForParent(plan.parentId)) {
      const shape = editor.getShape(id)
      if (shape && shape.id !== next.id && shape.index > plan.index) {
        above = shape
        break
      }
    }
    return { ...next, index: getIndexBetween(plan.index, above?.index) }
  }
  const offCreate = editor.sideEffects.registerBeforeCreateHandler('shape', (next, source) => lift(next, source))
  const offChange = editor.sideEffects.registerBeforeChangeHandler('shape', (_prev, next, source) => lift(next, source))
  return () => {
    offCreate()
    offChange()
  }
}
