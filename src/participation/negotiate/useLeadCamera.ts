/**
 * The presenter's lead in the editor. A follower's camera shows the presenter's view, fitted to this
 * screen, on every move of it; a wheel or pinch of her own steps her out (the bar then offers
 * "回到跟随"). The presenting page sends its view as it pans and zooms (at most every LEAD_SEND_MS,
 * the last position always) and renews the lead every LEAD_RENEW_MS while it is still.
 */
import { useEffect, useRef } from 'react'
import { react, useEditor } from 'tldraw'
import { ApiRequestError } from '../../net/api'
import { LEAD_RENEW_MS, type ViewBox } from '../../shared/participation'
import { putLead } from '../participationClient'
import { useParticipationUi } from '../ParticipationContext'
import { holdLead } from '../meeting/leadHolder'
import { fitViewBox, LEAD_SEND_MS, viewMoved } from '../meeting/leadView'
import type { LeadFollow } from '../meeting/useLeadFollow'

const MOVE_MS = 250

export function useLeadCamera(follow: LeadFollow): void {
  const editor = useEditor()
  const ui = useParticipationUi()
  const { lead, presenting, following, stepOut } = follow

  // Following: to the presenter's view whenever it moves (and once on (re)joining a lead).
  const view = following ? lead?.view : undefined
  const viewKey = view ? `${view.x},${view.y},${view.width},${view.height}` : ''
  useEffect(() => {
    if (!view) return
    const screen = editor.getViewportScreenBounds()
    const { min, max } = zoomRange(editor.getCameraOptions().zoomSteps)
    editor.stopCameraAnimation()
    editor.setCamera(fitViewBox(view, { w: screen.w, h: screen.h }, { min, max }), { animation: { duration: MOVE_MS } })
    // viewKey stands for `view`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor, viewKey])

  // Her own wheel or pinch while following is her choice to look alone.
  useEffect(() => {
    if (!following) return
    const onEvent = (info: { type: string }) => {
      if (info.type === 'wheel' || info.type === 'pinch') stepOut()
    }
    editor.on('event', onEvent)
    return () => { editor.off('event', onEvent) }
  }, [editor, following, stepOut])

  // Presenting: send the view as it changes, and renew the lead while it does not.
  const leadId = presenting ? lead?.id ?? null : null
  const run = useRef(ui?.run)
  useEffect(() => {
    run.current = ui?.run
  })
  useEffect(() => {
    if (!leadId || !ui) return
    const projectId = ui.caller.projectId
    let sent: ViewBox | null = null
    let lastSend = 0
    let timer: ReturnType<typeof setTimeout> | undefined
    let stopped = false
    const current = (): ViewBox => {
      const b = editor.getViewportPageBounds()
      return { x: b.x, y: b.y, width: b.w, height: b.h }
    }
    const send = () => {
      timer = undefined
      if (stopped) return
      const viewport = current()
      sent = viewport
      lastSend = Date.now()
      run.current?.((c, o) => putLead(c, { viewport, id: leadId }, o)).catch((err: unknown) => {
        // Lifecycle edge: the lead ended or another page took it while this one was presenting:
        // this page stops sending and, like everyone else, follows whatever lead there is.
        if (err instanceof ApiRequestError && err.code === 'lead_lost') holdLead(projectId, null)
      })
    }
    const schedule = (delay: number) => {
      if (timer === undefined) timer = setTimeout(send, Math.max(0, delay))
    }
    const stopWatching = react('cg lead presenter', () => {
      const viewport = current()
      const unit = 1 / editor.getZoomLevel()
      if (sent && !viewMoved(sent, viewport, unit)) return
      schedule(LEAD_SEND_MS - (Date.now() - lastSend))
    })
    const renew = setInterval(() => schedule(0), LEAD_RENEW_MS)
    return () => {
      stopped = true
      stopWatching()
      clearInterval(renew)
      clearTimeout(timer)
    }
  }, [editor, leadId, ui])
}

/** The editor's zoom range (its zoom steps), for fitting the presenter's view. */
function zoomRange(steps: readonly number[]): { min: number; max: number } {
  return { min: Math.min(...steps), max: Math.max(...steps) }
}
