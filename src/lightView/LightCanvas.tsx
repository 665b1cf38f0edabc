/**
 * The plan as the light view shows it: the base plan image, the board's shapes (LightShapes) and the
 * need pins, under the same floating controls as the editor's phone board (PhoneBoardControls,
 * the panel's button, ＋ 提需求) with the same classes, so the editor can take its place unseen.
 *
 * It opens on the view the editor would open on (fitCamera.ts: the plan and every pin, clear of the
 * controls), refits until she moves the plan herself, and reports every camera to the session,
 * which the editor follows until it takes over.
 */
import { useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { type Camera, type Rect, unionRects } from '../board'
import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/lang'
import { fitViewBox, MeetingBars, MeetingTimer, STAGE_TAB, useLeadFollow } from '../participation'
import type { ParticipationSnapshot } from '../participation'
import { BASE_PLAN_SHAPE_KEY } from '../shared/boardRules'
import { isObject } from '../shared/guards'
import type { ProjectState } from '../shared/projectApi'
import { can } from '../shared/workflow'
import type { StoredRecord } from '../sync'
import { dismissBootView } from '../ui/bootHandover'
import { LightPins } from './LightPins'
import { LightTaskPins } from './LightTaskPins'
import { openingCamera, planPictureSrc, planPlacement } from './openingView'
import type { LightIntent, LightSession } from './lightSession'
import { LightShapes } from './LightShapes'
import { LIGHT_ZOOM, useLightCamera } from './useLightCamera'
import '../participation/participation.css'
import '../participation/meeting/meeting.css'

interface LightCanvasProps {
  state: ProjectState
  records: StoredRecord[] | null
  snapshot: ParticipationSnapshot
  session: LightSession
  /** The intent she just made, shown as waiting until the editor does it. */
  intent: LightIntent | null
  onIntent: (intent: LightIntent) => void
  /** True while a finger is on the plan (the editor waits for it to lift). */
  onPressed: (pressed: boolean) => void
  /**
   * The light view shows the board: the plan's picture decoded and the shapes drawn (or, with no
   * board coming over an open socket, none SHAPES_WAIT_MS after the picture). The editor's code may
   * now take the network and the main thread: evaluating it stalls a phone for seconds, and the
   * shapes must not wait.
   */
  onShown: () => void
  /** The sync socket is open and the board's first sync still coming (useBoardOnItsWay). */
  boardOnItsWay: boolean
}

const NO_CAMERA: Camera = { x: 0, y: 0, z: 1 }
/** How long after the plan the editor's code waits for shapes when no board is coming over an open socket. */
const SHAPES_WAIT_MS = 2500
/** Board images are our own asset URLs, loaded as stored (the base plan is drawn separately). */
const sameUrl = (src: string) => src

/** Where the base plan stands on the page: its shape when the board has loaded, else where the organizer's client puts it. */
function planRect(state: ProjectState, records: StoredRecord[] | null): Rect | null {
  const shape = records?.find((r) => r.id === BASE_PLAN_SHAPE_KEY)
  const props = isObject(shape?.props) ? shape.props : undefined
  const stored = shape && typeof shape.x === 'number' && typeof shape.y === 'number' && typeof props?.w === 'number' && typeof props.h === 'number'
    ? { x: shape.x, y: shape.y, w: props.w, h: props.h }
    : null
  return planPlacement(state.project.basePlan, stored)
}

export function LightCanvas({ state, records, snapshot, session, intent, onIntent, onPressed, onShown, boardOnItsWay }: LightCanvasProps) {
  const { t } = useI18n()
  const view = useRef<HTMLDivElement | null>(null)
  const [size, setSize] = useState<{ w: number; h: number } | null>(null)
  const lead = useLeadFollow()
  const { following, stepOut } = lead
  const { camera, setCamera, pressed, handlers } = useLightCamera(view, session.get().camera ?? NO_CAMERA, (next) => {
    session.set({ camera: next, moved: true })
    // Her own drag or pinch while following the presenter: she wants to look alone (one tap on
    // 回到跟随 brings her back).
    if (following) stepOut()
  })
  useEffect(() => onPressed(pressed), [pressed, onPressed])
  // Whether the camera shows the view she will see (fitted, or hers from before): the plan's picture
  // is chosen by its zoom, and an <img> asks for its src the moment it is made — the unfitted first
  // render would fetch the original (~0.7 MB) before the fit picks the phone rendition.
  const [placed, setPlaced] = useState(() => session.get().camera !== null)

  // Layout effects, here and for the fit below: the first paint already has the fitted view (a
  // plain effect would paint the plan and pins once at the page origin, then jump).
  useLayoutEffect(() => {
    const el = view.current
    if (!el) return
    const measure = () => setSize({ w: el.clientWidth, h: el.clientHeight })
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(el)
    return () => observer.disconnect()
  }, [])

  const needs = snapshot.participation?.needs
  const plan = planRect(state, records)
  const planKey = plan ? `${plan.x},${plan.y},${plan.w},${plan.h}` : ''
  const pageBounds = useMemo(() => (records ? shapeBounds(records) : undefined), [records])

  // The opening view, as FitOnOpen would fit it: again whenever what it fits changes (the pins
  // arrive, the plan's shape loads, the phone turns) — until she has moved the plan herself.
  useLayoutEffect(() => {
    if (!size || session.get().moved) return
    const next = openingCamera(plan ?? pageBounds, needs ?? [], size)
    if (!next) return
    setCamera(next)
    setPlaced(true)
    session.set({ camera: next })
    // planKey stands for `plan`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [size, planKey, pageBounds, needs, session, setCamera])

  // Following the presenter's lead: the presenter's view, fitted to this phone, on every move of it.
  // Marked as moved, so the opening fit above leaves it alone and the editor takes it over as hers.
  const leadView = following ? lead.lead?.view : undefined
  const leadKey = leadView ? `${leadView.x},${leadView.y},${leadView.width},${leadView.height}` : ''
  useLayoutEffect(() => {
    if (!size || !leadView) return
    const next = fitViewBox(leadView, size, LIGHT_ZOOM)
    setCamera(next)
    setPlaced(true)
    session.set({ camera: next, moved: true })
    // leadKey stands for `leadView`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [size, leadKey, session, setCamera])

  // The plan's picture: the phone rendition while it has enough pixels for this zoom (as the
  // editor's asset store decides, src/board/assetStore.ts), else the original.
  const basePlan = state.project.basePlan
  const dpr = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1
  const planSrc = basePlan ? planPictureSrc(basePlan, plan, camera.z, dpr) : null
  const [planShownSrc, setPlanShownSrc] = useState<string | null>(null)
  const planShown = planShownSrc !== null || !basePlan

  // The boot view (src/app/bootView.ts) covers this view until it draws the same: the plan's picture
  // decoded and the pins placed (the camera fits them too). A layout effect, so the boot view goes in
  // the same frame as this view's plan first paints: no blank frame, no jump.
  const pinsKnown = needs !== undefined
  useLayoutEffect(() => {
    if (planShown && pinsKnown) dismissBootView()
  }, [planShown, pinsKnown])

  const skip = useMemo(() => new Set([BASE_PLAN_SHAPE_KEY]), [])
  // Frames' names are drawn at a screen size: the shapes follow the zoom once a gesture has ended,
  // not on every frame of a pinch (5,000 shapes redrawn per frame would stall a phone).
  const [shapeZoom, setShapeZoom] = useState(camera.z)
  useEffect(() => {
    if (!pressed) setShapeZoom(camera.z)
  }, [pressed, camera.z])
  // The shapes at a lower priority than the plan, the pins and the buttons: on a phone, drawing a
  // few hundred shapes takes a few hundred ms, and the first paint should not wait for them (nor a
  // pan for a burst of remote changes).
  const shownRecords = useDeferredValue(records, null)
  const shapes = useMemo(
    () => (shownRecords ? <LightShapes records={shownRecords} resolveImage={sameUrl} skipIds={skip} zoom={shapeZoom} /> : null),
    [shownRecords, skip, shapeZoom],
  )
  const shapesShown = shownRecords !== null
  useEffect(() => {
    if (!planShown) return
    if (shapesShown) {
      onShown()
      return
    }
    // A big board on a slow line: wait for it, however long, rather than start the editor over it
    // (useBoardOnItsWay says why). A tap on 画图 still brings the editor at once (an intent).
    if (boardOnItsWay) return
    const timer = setTimeout(onShown, SHAPES_WAIT_MS)
    return () => clearTimeout(timer)
  }, [planShown, shapesShown, boardOnItsWay, onShown])

  const mayAdd = can(state.role, state.stage, 'addNeed')
  const canDraw = can(state.role, state.stage, 'draw')
  const tab = STAGE_TAB[state.stage]
  const waiting = (kind: LightIntent['kind']) => intent?.kind === kind
  const transform = `scale(${camera.z}) translate(${camera.x}px, ${camera.y}px)`

  return (
    <div
      ref={view}
      className="cg-light__view"
      data-testid="light-view"
      style={{ touchAction: 'none' }}
      {...handlers}
    >
      <div className="cg-light__page" style={{ transform }}>
        {plan && planSrc && placed && (
          <img
            className="cg-light__plan"
            data-testid="light-plan"
            src={planSrc}
            alt=""
            draggable={false}
            decoding="async"
            style={{ left: plan.x, top: plan.y, width: plan.w, height: plan.h }}
            // A picture that cannot load shows nothing more by waiting: the editor may come.
            onError={() => setPlanShownSrc('')}
            onLoad={(e) => {
              const img = e.currentTarget
              void img.decode().catch(() => undefined).then(() => setPlanShownSrc(img.currentSrc || img.src))
            }}
          />
        )}
        {shapes}
      </div>
      {/* 实施落实: the task pins take the plan (as in the editor, NeedPins). */}
      {size && needs && state.stage !== 'implement' && (
        <LightPins
          needs={needs}
          categories={snapshot.participation?.categories ?? []}
          camera={camera}
          width={size.w}
          height={size.h}
          onIntent={onIntent}
        />
      )}
      {size && snapshot.participation?.tasks && (
        <LightTaskPins tasks={snapshot.participation.tasks} camera={camera} width={size.w} height={size.h} onIntent={onIntent} />
      )}
      <div className="mt-light-top">
        <MeetingTimer />
        <MeetingBars follow={lead} />
      </div>
      <button type="button" className="button cg-phone-fit" data-testid="phone-fit" title={t.board.phone.fitLabel} onClick={() => {
        if (following) stepOut()
        session.set({ moved: false })
        setSize((s) => (s ? { ...s } : s))
      }}>
        {t.board.phone.fit}
      </button>
      {canDraw && (
        <button
          type="button"
          className="button cg-phone-draw"
          data-testid="phone-draw"
          title={t.board.phone.drawLabel}
          aria-busy={waiting('draw') || undefined}
          onClick={() => onIntent({ kind: 'draw' })}
        >
          {t.board.phone.draw}
        </button>
      )}
      <aside className="participation-panel" data-testid="participation-panel" data-tab={tab} aria-label={t.participation.panelLabel}>
        <button
          type="button"
          className="participation-panel__toggle"
          aria-expanded={false}
          aria-busy={waiting('panel') || undefined}
          data-testid="participation-toggle"
          onClick={() => onIntent({ kind: 'panel' })}
        >
          {format(t.participation.showPanel, { tab: t.participation.tabs[tab] })}
        </button>
      </aside>
      {mayAdd && (
        <button
          type="button"
          className="button button--primary cg-add-need cg-add-need--floating"
          data-testid="add-need"
          aria-busy={waiting('addNeed') || undefined}
          onClick={() => onIntent({ kind: 'addNeed' })}
        >
          {t.needs.addNeed}
        </button>
      )}
    </div>
  )
}

/** The page bounds of every shape (a board without a base plan fits these), roughly: their x/y and w/h where they have them. */
function shapeBounds(records: StoredRecord[]): Rect | undefined {
  const rects: Rect[] = []
  for (const r of records) {
    if (r.typeName !== 'shape' || typeof r.x !== 'number' || typeof r.y !== 'number') continue
    if (typeof r.parentId !== 'string' || !r.parentId.startsWith('page:')) continue
    const p = isObject(r.props) ? r.props : undefined
    rects.push({ x: r.x, y: r.y, w: typeof p?.w === 'number' ? p.w : 1, h: typeof p?.h === 'number' ? p.h : 1 })
  }
  return unionRects(rects)
}
