/**
 * Opening a project board shows the whole site: the base plan and every need pin, fitted into the
 * part of the canvas no panel covers. Without it a fresh page opens at the page origin, zoom 1 —
 * on a phone that is a corner of the plan with most pins off screen.
 *
 * Lifecycle: once per page open, when the board has synced (this mounts inside the editor, after
 * the store is loaded) and the first participation state has arrived (the pins), or after
 * FIT_WAIT_MS without it (a slow event stream must not leave the plan half off screen). If the
 * person moved the camera before then, their view wins and nothing jumps.
 */
import { useEffect, useRef } from 'react'
import { Box, useEditor, type Editor } from 'tldraw'
import type { Need } from '../shared/participation'
import { BASE_PLAN_SHAPE_ID } from '../measure/basePlanShape'
import { useParticipationState } from '../participation/ParticipationContext'
import { zoomToVisible, type Insets } from '../participation/options/zoomToVisible'
import { liveNeeds } from '../participation/needs/needsLogic'

const FIT_WAIT_MS = 2500

/**
 * What floats over the canvas edges, kept clear so no pin opens under it: on a phone our rows of
 * buttons at the top and bottom (phoneBoard.css); elsewhere tldraw's menus and the floating
 * ＋ 提需求 at the top, its toolbar and the meeting bar at the bottom.
 */
function fitInsets(editor: Editor): Insets {
  const bare = editor.getContainer().closest('.board--bare') !== null
  return bare ? { top: 64, right: 8, bottom: 76, left: 8 } : { top: 72, right: 16, bottom: 128, left: 16 }
}

/** Fits the base plan (or, without one, everything on the page) and the pins of `needs` into view. */
export function fitSite(editor: Editor, needs: readonly Need[], animate = true): void {
  const plan = editor.getShape(BASE_PLAN_SHAPE_ID)
  let bounds: Box | undefined = plan ? editor.getShapePageBounds(plan) : editor.getCurrentPageBounds()
  for (const need of liveNeeds(needs)) {
    // The pin stands above its point: room for its head and label.
    const pin = new Box(need.x - 40, need.y - 60, 80, 80)
    bounds = bounds ? Box.Common([bounds, pin]) : pin
  }
  if (bounds) zoomToVisible(editor, bounds, fitInsets(editor), animate)
}

export function FitOnOpen() {
  const editor = useEditor()
  const { participation } = useParticipationState()
  const done = useRef(false)
  const startCamera = useRef(editor.getCamera())
  const needs = participation?.needs

  useEffect(() => {
    const fit = () => {
      if (done.current) return
      done.current = true
      const now = editor.getCamera()
      const start = startCamera.current
      if (now.x !== start.x || now.y !== start.y || now.z !== start.z) return
      fitSite(editor, needs ?? [], false)
    }
    if (needs) {
      fit()
      return
    }
    const timer = setTimeout(() => {
      fit()
    }, FIT_WAIT_MS)
    return () => clearTimeout(timer)
  }, [editor, needs])
  return null
}
