/**
 * The editor's side of the handover from the light view (lightSession.ts), mounted inside <Tldraw>:
 *
 * 1. While the light view still covers it, the editor follows the light view's camera, so the
 *    moment it shows, the plan is where she last saw it.
 * 2. It says when the editor is ready to be seen: its base plan picture decoded and its pins layer
 *    up (or, so a broken picture cannot hold the light view forever, READY_WAIT_MS after mounting).
 * 3. Once handed over, it does what she asked for meanwhile (the intent), exactly once.
 * (Without a light camera — the light view never fitted — FitOnOpen fits the editor as on a laptop.)
 */
import { useEffect } from 'react'
import { useEditor, type Editor } from 'tldraw'
import { BASE_PLAN_SHAPE_KEY } from '../shared/boardRules'
import { BASE_PLAN_SHAPE_ID } from '../measure/basePlanShape'
import { requestPanelOpen, useParticipationState, zoomIntoGroup } from '../participation'
import { needsUiState } from '../participation/needs/needsUiState'
import type { LightIntent, LightSession } from './lightSession'

/** The longest the light view waits for the editor's picture and pins once the editor is up. */
const READY_WAIT_MS = 4000
const POLL_MS = 100

interface FromLightViewProps {
  session: LightSession
  /** ✏️ 画图 was tapped: enter drawing (ProjectBoardEditor owns that mode). */
  onDraw: () => void
}

/** The editor draws what the light view drew: its base plan picture decoded, its pins layer there. */
function showsTheBoard(editor: Editor, hasParticipation: boolean): boolean {
  const container = editor.getContainer()
  if (hasParticipation && !container.querySelector('.cg-need-pins')) return false
  if (!editor.getShape(BASE_PLAN_SHAPE_ID)) return true
  const img = container.querySelector<HTMLImageElement>(`.tl-shape[data-shape-id="${BASE_PLAN_SHAPE_KEY}"] img`)
  return img !== null && img.complete && img.naturalWidth > 0
}

export function FromLightView({ session, onDraw }: FromLightViewProps) {
  const editor = useEditor()
  const { participation } = useParticipationState()
  const hasParticipation = participation !== null

  // 1. Follow the light view's camera until the handover.
  useEffect(() => {
    const follow = () => {
      const { camera, handedOver } = session.get()
      if (!handedOver && camera) editor.setCamera(camera, { immediate: true })
    }
    follow()
    return session.listen(follow)
  }, [editor, session])

  // 2. Ready to be seen.
  useEffect(() => {
    if (session.get().editorReady) return
    const started = Date.now()
    const timer = setInterval(() => {
      if (!showsTheBoard(editor, hasParticipation) && Date.now() - started < READY_WAIT_MS) return
      clearInterval(timer)
      // Two frames: the picture and pins found above have been painted, not only laid out.
      requestAnimationFrame(() => requestAnimationFrame(() => session.set({ editorReady: true })))
    }, POLL_MS)
    return () => clearInterval(timer)
  }, [editor, session, hasParticipation])

  // 3. What she asked for before the editor was there.
  useEffect(() => {
    let done = false
    const take = () => {
      const state = session.get()
      if (done || !state.handedOver) return
      done = true
      if (state.intent) {
        session.set({ intent: null })
        perform(editor, state.intent, participation?.needs ?? [], onDraw)
      }
    }
    take()
    return session.listen(take)
    // Once per handover: the needs and onDraw of that moment are the ones meant.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor, session])
  return null
}

function perform(editor: Editor, intent: LightIntent, needs: readonly { id: string; x: number; y: number }[], onDraw: () => void): void {
  const sheet = needsUiState(editor).sheet
  switch (intent.kind) {
    case 'addNeed':
      sheet.set({ kind: 'picking' })
      return
    case 'need':
      sheet.set({ kind: 'card', needId: intent.needId })
      return
    case 'needGroup': {
      const members = needs.filter((n) => intent.needIds.includes(n.id))
      if (!zoomIntoGroup(editor, members)) sheet.set({ kind: 'group', needIds: intent.needIds })
      return
    }
    case 'panel':
      requestPanelOpen()
      return
    case 'draw':
      onDraw()
      return
  }
}
