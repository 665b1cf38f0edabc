/**
 * Draws the current measurement and the scale line over the canvas. Screen space: the points are
 * kept in canvas units and projected through the camera on every change, so the drawing follows
 * pan and zoom. Pointer events pass through to the canvas.
 */
import { useEditor, useValue } from 'tldraw'
import type { Pt } from './geometry'
import { figuresOf } from './measureSession'
import { measureState } from './measureState'

interface MeasureOverlayProps {
  /** Text beside a measured line (its length in metres), or null when no scale is set. */
  lineLabel: (lengthUnits: number) => string | null
  /** Text inside a closed outline (its area), or null when no scale is set. */
  areaLabel: (areaUnits: number) => string | null
}

interface ScreenView {
  line: { a: Pt; b: Pt } | null
  polygon: { points: Pt[]; cursor: Pt | null; closed: boolean } | null
  scaleLine: { a: Pt; b: Pt } | null
}

export function MeasureOverlay({ lineLabel, areaLabel }: MeasureOverlayProps) {
  const editor = useEditor()
  const view = useValue<ScreenView>(
    'cg measure overlay',
    () => {
      const { measurement, scaleLine } = measureState(editor)
      const m = measurement.get()
      const s = scaleLine.get()
      // pageToViewport reads the camera, so this recomputes on every pan and zoom.
      const screen = (p: Pt): Pt => {
        const v = editor.pageToViewport(p)
        return { x: v.x, y: v.y }
      }
      return {
        line: m.kind === 'line' ? { a: screen(m.a), b: screen(m.b) } : null,
        polygon:
          m.kind === 'polygon'
            ? { points: m.points.map(screen), cursor: m.cursor && !m.closed ? screen(m.cursor) : null, closed: m.closed }
            : null,
        scaleLine: s ? { a: screen(s.a), b: screen(s.b) } : null,
      }
    },
    [editor],
  )
  // The labels need the figures in canvas units (camera-independent).
  const figures = useValue('cg measure overlay figures', () => figuresOf(measureState(editor).measurement.get()), [editor])

  if (!view.line && !view.polygon && !view.scaleLine) return null

  const lengthText = view.line && figures.lengthUnits !== null ? lineLabel(figures.lengthUnits) : null
  const areaText = figures.areaUnits !== null ? areaLabel(figures.areaUnits) : null

  return (
    <svg className="cg-measure-overlay" aria-hidden="true">
      {view.line && (
        <g className="cg-measure-overlay__measure">
          <Segment a={view.line.a} b={view.line.b} />
          <End p={view.line.a} />
          <End p={view.line.b} />
          {lengthText && <Label p={midpoint(view.line.a, view.line.b)} text={lengthText} />}
        </g>
      )}
      {view.polygon && <PolygonView {...view.polygon} areaText={areaText} />}
      {view.scaleLine && (
        <g className="cg-measure-overlay__scale">
          <Segment a={view.scaleLine.a} b={view.scaleLine.b} />
          <End p={view.scaleLine.a} />
          <End p={view.scaleLine.b} />
        </g>
      )}
    </svg>
  )
}

function PolygonView({ points, cursor, closed, areaText }: NonNullable<ScreenView['polygon']> & { areaText: string | null }) {
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${p.x},${p.y}`).join(' ') + (closed ? ' Z' : '')
  const last = points[points.length - 1]
  return (
    <g className="cg-measure-overlay__measure">
      {points.length > 1 && (
        <>
          <path d={path} className="cg-measure-overlay__halo" fill="none" />
          <path d={path} className={closed ? 'cg-measure-overlay__area' : 'cg-measure-overlay__path'} />
        </>
      )}
      {cursor && last && <Segment a={last} b={cursor} dashed />}
      {points.map((p, i) => (
        <End key={i} p={p} first={i === 0 && !closed && points.length >= 3} />
      ))}
      {closed && areaText && <Label p={centre(points)} text={areaText} />}
    </g>
  )
}

function Segment({ a, b, dashed }: { a: Pt; b: Pt; dashed?: boolean }) {
  return (
    <>
      <line x1={a.x} y1={a.y} x2={b.x} y2={b.y} className="cg-measure-overlay__halo" />
      <line x1={a.x} y1={a.y} x2={b.x} y2={b.y} className={dashed ? 'cg-measure-overlay__dash' : 'cg-measure-overlay__line'} />
    </>
  )
}

/** A corner or line end; the first corner grows once tapping it would close the outline. */
function End({ p, first }: { p: Pt; first?: boolean }) {
  return <circle cx={p.x} cy={p.y} r={first ? 9 : 5} className="cg-measure-overlay__dot" />
}

function Label({ p, text }: { p: Pt; text: string }) {
  return (
    <text x={p.x} y={p.y - 12} className="cg-measure-overlay__label" textAnchor="middle">
      {text}
    </text>
  )
}

function midpoint(a: Pt, b: Pt): Pt {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }
}

/** Mean of the corners: inside any outline people usually tap (not exact for odd shapes). */
function centre(points: Pt[]): Pt {
  const sum = points.reduce((s, p) => ({ x: s.x + p.x, y: s.y + p.y }), { x: 0, y: 0 })
  return { x: sum.x / points.length, y: sum.y / points.length + 12 }
}
