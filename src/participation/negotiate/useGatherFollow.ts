/**
 * Follow the organizer's "bring everyone to me": on a gather with an id this device has not followed,
 * move the camera there (animated) and say so, until the person moves the canvas themselves.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { react, useEditor, type Editor } from 'tldraw'
import type { Gather } from '../../shared/participation'
import { presenceRole } from '../../sync/bindPresence'
import { useParticipationState } from '../ParticipationContext'
import { sameCamera, shouldFollow, visiblePageBounds } from './gatherView'

const MOVE_MS = 600

/** The organizer's screen size, from their presence on the board (null if not seen). */
function organizerScreen(editor: Editor, gather: Gather): { w: number; h: number } | null {
  const organizers = editor.getCollaborators().filter((p) => presenceRole(p) === 'organizer' && p.screenBounds)
  const match =
    organizers.find((p) => p.camera && sameCamera(p.camera, gather.viewport)) ??
    organizers.find((p) => p.userName === gather.byName) ??
    organizers[0]
  return match?.screenBounds ? { w: match.screenBounds.w, h: match.screenBounds.h } : null
}

export function useGatherFollow(): { following: string | null; stop: () => void } {
  const editor = useEditor()
  const { facilitation } = useParticipationState()
  const [following, setFollowing] = useState<string | null>(null)
  const lastSeen = useRef<string | null>(null)
  const firstState = useRef(true)
  const cleanup = useRef<() => void>(() => {})

  const stop = useCallback(() => {
    cleanup.current()
    cleanup.current = () => {}
    setFollowing(null)
  }, [])

  const gather = facilitation?.gather ?? null
  const serverNow = facilitation?.serverNow ?? 0
  const hasState = facilitation !== null
  useEffect(() => {
    if (!hasState) return
    const first = firstState.current
    firstState.current = false
    const go = shouldFollow(gather, lastSeen.current, first, serverNow)
    lastSeen.current = gather?.id ?? lastSeen.current
    if (!go || !gather) return
    // The organizer who gathered (or anyone already there) has nothing to follow.
    if (sameCamera(editor.getCamera(), gather.viewport)) return

    cleanup.current()
    const screen = organizerScreen(editor, gather)
    editor.stopCameraAnimation()
    const animation = { animation: { duration: MOVE_MS } }
    if (screen) editor.zoomToBounds(visiblePageBounds(gather.viewport, screen), { inset: 0, ...animation })
    else editor.setCamera(gather.viewport, animation)
    setFollowing(gather.byName)

    // Once the move has settled, any camera change is the person's own: stop following then. A
    // wheel or pinch during the move (which also stops tldraw's animation) counts at once.
    let stopWatching = () => {}
    const onEvent = (info: { type: string }) => {
      if (info.type === 'wheel' || info.type === 'pinch') stop()
    }
    editor.on('event', onEvent)
    const settle = setTimeout(() => {
      const settled = editor.getCamera()
      stopWatching = react('cg gather follow', () => {
        if (!sameCamera(editor.getCamera(), settled)) stop()
      })
    }, MOVE_MS + 150)
    cleanup.current = () => {
      clearTimeout(settle)
      stopWatching()
      editor.off('event', onEvent)
    }
  }, [editor, gather, serverNow, hasState, stop])

  useEffect(() => () => cleanup.current(), [])
  return { following, stop }
}
