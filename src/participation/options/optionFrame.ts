/**
 * A design option's frame on the board: a tldraw frame named with the option's title, in which the
 * expert draws the option. The option itself (title, description, needs it answers) is a server
 * record that names the frame by its shape id.
 *
 * An option is a variant of the site plan: when the board has a base plan, a new
 * frame is exactly the plan's size and holds, as its first child, a locked copy of the plan image
 * (the same asset, the same canvas size). So one canvas unit is the same length in metres inside the
 * frame as on the plan (the measure tools and the project's scale hold there), switching between
 * 方案 A / B / C shows each one over the same site at the same zoom, and an export of the frame
 * draws the option with its plan beneath. Frames made before this (no copy) are left as they are:
 * their drawings were not made over the plan, so slipping one under them would misplace them (an
 * old frame still empty gets the plan when its option is next saved: givePlanToEmptyFrame).
 */
import {
  createShapeId,
  isShapeId,
  type Box,
  type Editor,
  type TLAssetId,
  type TLFrameShape,
  type TLImageShape,
  type TLShapeId,
} from 'tldraw'
import { BASE_PLAN_SHAPE_ID, OPTION_FRAME_GAP } from '../../measure/basePlanShape'
import { PLAN_COPY_META } from '../../shared/boardRules'
import { zoomToVisible } from './zoomToVisible'

/** A frame's size on a board without a base plan. */
export const OPTION_FRAME_W = 1600
export const OPTION_FRAME_H = 1100

/** A fresh shape id for a frame (made before the server records the option, which names it). */
export function newFrameId(): TLShapeId {
  return createShapeId()
}

/** The frame of an option, if it is (still) on the board. */
export function getOptionFrame(editor: Editor, frameShapeId: string | null): TLFrameShape | null {
  // The server stores only ids that look like one (SHAPE_ID_PATTERN), so the check never drops one.
  if (!frameShapeId || !isShapeId(frameShapeId)) return null
  const shape = editor.getShape(frameShapeId)
  return shape?.type === 'frame' ? shape : null
}

/** The base plan as it is on the board (its image and canvas size), or null when it is not there yet. */
export function boardBasePlan(editor: Editor): { assetId: TLAssetId; x: number; y: number; w: number; h: number } | null {
  const plan = editor.getShape(BASE_PLAN_SHAPE_ID)
  if (plan?.type !== 'image') return null
  const { assetId, w, h } = plan.props
  if (!assetId || !editor.getAsset(assetId) || !(w > 0) || !(h > 0)) return null
  return { assetId, x: plan.x, y: plan.y, w, h }
}

type BoardPlan = NonNullable<ReturnType<typeof boardBasePlan>>

/** Where a new frame of size w×h goes: top-aligned with the plan, right of everything on the page. */
function freeSpot(editor: Editor, plan: BoardPlan | null, w: number, h: number, without?: TLShapeId): { x: number; y: number } {
  let content: Box | null = null
  for (const id of editor.getCurrentPageShapeIds()) {
    if (id === without) continue
    const b = editor.getShapePageBounds(id)
    if (b) content = content ? content.union(b) : b.clone()
  }
  const view = editor.getViewportPageBounds().center
  return {
    x: content ? content.maxX + OPTION_FRAME_GAP : view.x - w / 2,
    y: plan ? plan.y : content ? content.minY : view.y - h / 2,
  }
}

// Locked, so a tap on the site to draw never picks up and drags the plan; the expert may still
// unlock it (it is their record). Never marked cgBasePlan: that would make it the organizer's
// board record, which the server refuses from anyone else (src/shared/boardRules.ts).
function addPlanCopy(editor: Editor, frameId: TLShapeId, plan: BoardPlan): void {
  editor.createShape<TLImageShape>({
    id: createShapeId(),
    type: 'image',
    parentId: frameId,
    x: 0,
    y: 0,
    isLocked: true,
    meta: { [PLAN_COPY_META]: true },
    props: { assetId: plan.assetId, w: plan.w, h: plan.h },
  })
}

/**
 * Draws a new frame for an option. With a base plan on the board: the plan's size, top-aligned with
 * the plan, to the right of everything on the page (so it overlaps nothing), holding a locked copy
 * of the plan. Without one (the organizer has not put a plan up yet): an empty frame of the old
 * size, beside the content or in view on an empty board.
 */
export function createOptionFrame(editor: Editor, id: TLShapeId, title: string): void {
  const plan = boardBasePlan(editor)
  const w = plan?.w ?? OPTION_FRAME_W
  const h = plan?.h ?? OPTION_FRAME_H
  const { x, y } = freeSpot(editor, plan, w, h)
  editor.markHistoryStoppingPoint('create option frame')
  editor.run(() => {
    editor.createShape<TLFrameShape>({ id, type: 'frame', x, y, props: { w, h, name: title }, meta: { cgKind: 'optionFrame' } })
    if (plan) addPlanCopy(editor, id, plan)
  })
}

/**
 * An option frame made before frames held the plan (or while the board had none) gets it when the
 * option is next saved by someone who may edit it — but only while the frame is still empty: drawings
 * made without the plan beneath would land on arbitrary places of the site. The empty frame takes
 * the plan's size and moves to a free spot beside everything (the bigger frame must overlap nothing).
 * True when it did.
 */
export function givePlanToEmptyFrame(editor: Editor, frameShapeId: string | null): boolean {
  const frame = getOptionFrame(editor, frameShapeId)
  const plan = boardBasePlan(editor)
  if (!frame || !plan || editor.getSortedChildIdsForParent(frame.id).length > 0) return false
  const { x, y } = freeSpot(editor, plan, plan.w, plan.h, frame.id)
  editor.run(() => {
    editor.updateShape<TLFrameShape>({ id: frame.id, type: 'frame', x, y, props: { w: plan.w, h: plan.h } })
    addPlanCopy(editor, frame.id, plan)
  })
  return true
}

export function renameOptionFrame(editor: Editor, frameShapeId: string | null, title: string): void {
  const frame = getOptionFrame(editor, frameShapeId)
  if (!frame || frame.props.name === title) return
  editor.updateShape<TLFrameShape>({ id: frame.id, type: 'frame', props: { name: title } })
}

/** Bring the option's frame into view; false when it is not on the board. */
export function zoomToOptionFrame(editor: Editor, frameShapeId: string | null): boolean {
  const frame = getOptionFrame(editor, frameShapeId)
  const bounds = frame && editor.getShapePageBounds(frame)
  if (!bounds) return false
  zoomToVisible(editor, bounds)
  return true
}
