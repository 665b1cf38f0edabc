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
import { useEditor, type Editor } from 'tldraw'
import { openingInsets, pinRect, type Rect, unionRects } from '../board'
import type { Need } from '../shared/participation'
import { BASE_PLAN_SHAPE_ID } from '../measure/basePlanShape'
import { liveNeeds, useParticipationState, zoomToVisible } from '../participation'
import { useLightSession } from '../lightView'

const FIT_WAIT_MS = 2500

/** Fits the base plan (or, without one, everything on the page) and the pins of `needs` into view. */
export function fitSite(editor: Editor, needs: readonly Need[], animate = true): void {
  const bounds = siteBounds(editor, needs)
  const bare = editor.getContainer().closest('.board--bare') !== null
  if (bounds) zoomToVisible(editor, bounds, openingInsets(bare), animate)
}

/** The base plan (or, without one, everything on the page) and every live need's pin. */
function siteBounds(editor: Editor, needs: readonly Need[]): Rect | undefined {
  const plan = editor.getShape(BASE_PLAN_SHAPE_ID)
  const area = plan ? editor.getShapePageBounds(plan) : editor.getCurrentPageBounds()
  return unionRects([...(area ? [area] : []), ...liveNeeds(needs).map(pinRect)])
}

export function FitOnOpen() {
  const editor = useEditor()
  const { participation } = useParticipationState()
  const done = useRef(false)
  const startCamera = useRef(editor.getCamera())
  const needs = participation?.needs
  // The light view fitted the same view with the same arithmetic and FromLightView puts its camera
  // on this editor: fitting again here could only move the plan at the handover. (It fits before its
  // first paint, long before this editor mounts; without a camera of its own, this fits as usual.)
  const light = useLightSession()

  useEffect(() => {
    if (light?.get().camera) return
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
  }, [editor, needs, light])
  return null
}
