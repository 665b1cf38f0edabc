/**
 * The light view's camera and the gestures that move it, as on the editor's phone board (the hand
 * tool): one finger drags the plan, two pinch, a wheel or trackpad scrolls (ctrl/⌘ + wheel zooms).
 * Zoom stays within tldraw's own range, so the camera handed to the editor is one it accepts as is.
 */
import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent, type RefObject } from 'react'
import type { Camera } from '../board'

const MIN_ZOOM = 0.05
const MAX_ZOOM = 8
/** The light view's zoom range (a camera fitted for it, e.g. the presenter's view, stays inside). */
export const LIGHT_ZOOM = { min: MIN_ZOOM, max: MAX_ZOOM }

interface Gesture {
  pointers: Map<number, { x: number; y: number }>
  /** The pinch's last distance and centre (two pointers), or the drag's last point (one). */
  last: { x: number; y: number; d: number } | null
}

function clampZoom(z: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z))
}

/** The camera after zooming to `z` about screen point (sx, sy), which stays over the same page point. */
function zoomAbout(camera: Camera, z: number, sx: number, sy: number): Camera {
  const nz = clampZoom(z)
  return { x: camera.x + sx / nz - sx / camera.z, y: camera.y + sy / nz - sy / camera.z, z: nz }
}

export interface LightCamera {
  camera: Camera
  /** Set by the view (fitting on open); not a move of hers. */
  setCamera: (camera: Camera) => void
  /** True while a finger or button is down on the plan: the editor does not take over mid-gesture. */
  pressed: boolean
  handlers: {
    onPointerDown: (e: ReactPointerEvent<HTMLElement>) => void
    onPointerMove: (e: ReactPointerEvent<HTMLElement>) => void
    onPointerUp: (e: ReactPointerEvent<HTMLElement>) => void
    onPointerCancel: (e: ReactPointerEvent<HTMLElement>) => void
  }
}

/**
 * `onMoved` is called on every move she makes (not on setCamera): the session records her view.
 * The wheel is a native listener, because React's is passive and could not stop the page scrolling.
 */
export function useLightCamera(view: RefObject<HTMLElement | null>, initial: Camera, onMoved: (camera: Camera) => void): LightCamera {
  const [camera, setCameraState] = useState(initial)
  const [pressed, setPressed] = useState(false)
  const current = useRef(camera)
  const moved = useRef(onMoved)
  useEffect(() => {
    moved.current = onMoved
  })
  const gesture = useRef<Gesture>({ pointers: new Map(), last: null })

  const apply = useCallback((next: Camera, byHer: boolean) => {
    current.current = next
    setCameraState(next)
    if (byHer) moved.current(next)
  }, [])
  const setCamera = useCallback((next: Camera) => apply(next, false), [apply])

  const local = (e: { clientX: number; clientY: number }) => {
    const r = view.current?.getBoundingClientRect()
    return { x: e.clientX - (r?.left ?? 0), y: e.clientY - (r?.top ?? 0) }
  }
  const summary = (): { x: number; y: number; d: number } => {
    const pts = [...gesture.current.pointers.values()]
    if (pts.length === 1) return { ...pts[0], d: 0 }
    const [a, b] = pts
    return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, d: Math.hypot(a.x - b.x, a.y - b.y) }
  }

  const onPointerDown = (e: ReactPointerEvent<HTMLElement>) => {
    // Only the plan itself: a pin or a button under the finger handles its own tap.
    if (e.target !== e.currentTarget && e.target instanceof Element && e.target.closest('button, a, input, [role="button"]')) return
    if (gesture.current.pointers.size >= 2) return
    e.currentTarget.setPointerCapture?.(e.pointerId)
    gesture.current.pointers.set(e.pointerId, local(e))
    gesture.current.last = summary()
    setPressed(true)
  }
  const onPointerMove = (e: ReactPointerEvent<HTMLElement>) => {
    const g = gesture.current
    if (!g.pointers.has(e.pointerId) || !g.last) return
    g.pointers.set(e.pointerId, local(e))
    const now = summary()
    const cam = current.current
    let next: Camera = { x: cam.x + (now.x - g.last.x) / cam.z, y: cam.y + (now.y - g.last.y) / cam.z, z: cam.z }
    if (g.pointers.size === 2 && g.last.d > 0 && now.d > 0) next = zoomAbout(next, cam.z * (now.d / g.last.d), now.x, now.y)
    g.last = now
    apply(next, true)
  }
  const onPointerEnd = (e: ReactPointerEvent<HTMLElement>) => {
    const g = gesture.current
    if (!g.pointers.delete(e.pointerId)) return
    g.last = g.pointers.size > 0 ? summary() : null
    if (g.pointers.size === 0) setPressed(false)
  }

  useEffect(() => {
    const el = view.current
    if (!el) return
    const onWheel = (e: WheelEvent) => {
      e.preventDefault()
      const p = local(e)
      const cam = current.current
      if (e.ctrlKey || e.metaKey) apply(zoomAbout(cam, cam.z * Math.exp(-e.deltaY / 100), p.x, p.y), true)
      else apply({ x: cam.x - e.deltaX / cam.z, y: cam.y - e.deltaY / cam.z, z: cam.z }, true)
    }
    el.addEventListener('wheel', onWheel, { passive: false })
    return () => el.removeEventListener('wheel', onWheel)
    // `local` reads the ref only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view, apply])

  return {
    camera,
    setCamera,
    pressed,
    handlers: { onPointerDown, onPointerMove, onPointerUp: onPointerEnd, onPointerCancel: onPointerEnd },
  }
}

