/**
 * The outlines of tldraw's geo shapes (getGeoShapePath.ts in tldraw 5.4) as SVG path data: the
 * polygons on tldraw's own corners, ellipse, oval, heart, and the x and check boxes' marks. The
 * hand-drawn style's wobble is left out; the cloud is drawn as the ellipse its bumps sit on.
 */
import { r2 } from './lightShapeParts'

function ellipsePath(w: number, h: number): string {
  const rx = w / 2
  const ry = h / 2
  return `M0,${r2(ry)}A${r2(rx)},${r2(ry)} 0 1 1 ${r2(w)},${r2(ry)}A${r2(rx)},${r2(ry)} 0 1 1 0,${r2(ry)}Z`
}

/** tldraw's getPolygonVertices: a regular polygon, top vertex up, stretched to fill the box. */
function polygonVertices(w: number, h: number, sides: number): [number, number][] {
  const pts: [number, number][] = []
  for (let i = 0; i < sides; i++) {
    const t = -Math.PI / 2 + (i * Math.PI * 2) / sides
    pts.push([w / 2 + (w / 2) * Math.cos(t), h / 2 + (h / 2) * Math.sin(t)])
  }
  const xs = pts.map((p) => p[0])
  const ys = pts.map((p) => p[1])
  const minX = Math.min(...xs)
  const minY = Math.min(...ys)
  const bw = Math.max(...xs) - minX
  const bh = Math.max(...ys) - minY
  return pts.map(([x, y]) => [((x - minX) / bw) * w, ((y - minY) / bh) * h])
}

/** tldraw's getStarPath: five points, the inner radius half the outer. */
function starVertices(w: number, h: number): [number, number][] {
  const step = Math.PI / 5
  const maxX = (Math.cos(-Math.PI / 2 + 2 * step) * w) / 2
  const minX = (Math.cos(-Math.PI / 2 + 8 * step) * w) / 2
  const minY = -h / 2
  const maxY = (Math.sin(-Math.PI / 2 + 4 * step) * h) / 2
  const ox = (w + (w - Math.abs(maxX - minX))) / 2
  const oy = (h + (h - Math.abs(maxY - minY))) / 2
  const cx = (w - (w / 2 + minX - (w / 2 - maxX))) / 2
  const cy = (h - (h / 2 + minY - (h / 2 - maxY))) / 2
  return Array.from({ length: 10 }, (_, i) => {
    const theta = -Math.PI / 2 + i * step
    return [cx + (i % 2 ? ox / 2 : ox) * Math.cos(theta), cy + (i % 2 ? oy / 2 : oy) * Math.sin(theta)]
  })
}

/** The outline's corners for tldraw's polygon geo types (getGeoShapePath.ts); null for the others. */
function geoVertices(geo: unknown, w: number, h: number): [number, number][] | null {
  const o = Math.min(w * 0.38, h * 0.38)
  switch (geo) {
    case 'triangle':
      return [[w / 2, 0], [w, h], [0, h]]
    case 'diamond':
      return [[w / 2, 0], [w, h / 2], [w / 2, h], [0, h / 2]]
    case 'pentagon':
      return polygonVertices(w, h, 5)
    case 'hexagon':
      return polygonVertices(w, h, 6)
    case 'octagon':
      return polygonVertices(w, h, 8)
    case 'star':
      return starVertices(w, h)
    case 'rhombus':
      return [[o, 0], [w, 0], [w - o, h], [0, h]]
    case 'rhombus-2':
      return [[0, 0], [w - o, 0], [w, h], [o, h]]
    case 'trapezoid':
      return [[o, 0], [w - o, 0], [w, h], [0, h]]
    case 'arrow-left': {
      const ox = Math.min(w, h) * 0.38
      const oy = h * 0.16
      return [[ox, 0], [ox, oy], [w, oy], [w, h - oy], [ox, h - oy], [ox, h], [0, h / 2]]
    }
    case 'arrow-right': {
      const ox = Math.min(w, h) * 0.38
      const oy = h * 0.16
      return [[0, oy], [w - ox, oy], [w - ox, 0], [w, h / 2], [w - ox, h], [w - ox, h - oy], [0, h - oy]]
    }
    case 'arrow-up': {
      const ox = w * 0.16
      const oy = Math.min(w, h) * 0.38
      return [[w / 2, 0], [w, oy], [w - ox, oy], [w - ox, h], [ox, h], [ox, oy], [0, oy]]
    }
    case 'arrow-down': {
      const ox = w * 0.16
      const oy = Math.min(w, h) * 0.38
      return [[ox, 0], [w - ox, 0], [w - ox, h - oy], [w, h - oy], [w / 2, h], [0, h - oy], [ox, h - oy]]
    }
    default:
      return null
  }
}

/** The geo outline (`d`) and, for the check and x boxes, the marks inside it (`inner`, stroked only). */
export function geoPath(geo: unknown, w: number, h: number, flipX: boolean, flipY: boolean, round: number): { d: string; inner?: string } {
  const fx = (x: number) => r2(flipX ? w - x : x)
  const fy = (y: number) => r2(flipY ? h - y : y)
  const line = (pts: [number, number][]) => 'M' + pts.map(([x, y]) => `${fx(x)},${fy(y)}`).join('L')
  const vertices = geoVertices(geo, w, h)
  if (vertices) return { d: line(vertices) + 'Z' }
  switch (geo) {
    // Approximation: tldraw's cloud is a ring of random bumps inside the box; an ellipse is its shape.
    case 'ellipse':
    case 'cloud':
      return { d: ellipsePath(w, h) }
    case 'oval': {
      // A stadium; the same outline as a rounded rectangle whose radius is half the short side.
      const r = Math.min(w, h) / 2
      return { d: `M${r2(r)},0H${r2(w - r)}A${r2(r)},${r2(r)} 0 0 1 ${r2(w - r)},${r2(h)}H${r2(r)}A${r2(r)},${r2(r)} 0 0 1 ${r2(r)},0Z` }
    }
    case 'heart': {
      const cx = w / 2
      const o = w / 4
      const k = h / 4
      const c = (pts: number[]) => 'C' + [0, 2, 4].map((i) => `${fx(pts[i])},${fy(pts[i + 1])}`).join(' ')
      return {
        d:
          `M${fx(cx)},${fy(h)}` +
          c([o * 1.5, k * 3, 0, k * 2.5, 0, k * 1.2]) +
          c([0, -k * 0.32, o * 1.85, -k * 0.32, cx, k * 0.9]) +
          c([o * 2.15, -k * 0.32, w, -k * 0.32, w, k * 1.2]) +
          c([w, k * 2.5, o * 2.5, k * 3, cx, h]) +
          'Z',
      }
    }
    case 'x-box':
      return { d: `M0,0H${r2(w)}V${r2(h)}H0Z`, inner: `M0,0L${r2(w)},${r2(h)}M${r2(w)},0L0,${r2(h)}` }
    case 'check-box': {
      const size = Math.min(w, h) * 0.82
      const ox = (w - size) / 2
      const oy = (h - size) / 2
      return { d: `M0,0H${r2(w)}V${r2(h)}H0Z`, inner: line([[ox + size * 0.25, oy + size * 0.52], [ox + size * 0.45, oy + size * 0.82], [ox + size * 0.82, oy + size * 0.22]]) }
    }
    default: {
      // The rectangle (and any geo type this does not know, by its bounding rectangle). In the
      // hand-drawn dash style tldraw rounds the corners by twice the stroke width.
      const r = Math.min(round, w / 4, h / 4)
      if (!(r > 0)) return { d: `M0,0H${r2(w)}V${r2(h)}H0Z` }
      const arc = (x: number, y: number) => `A${r2(r)},${r2(r)} 0 0 1 ${r2(x)},${r2(y)}`
      return { d: `M${r2(r)},0H${r2(w - r)}${arc(w, r)}V${r2(h - r)}${arc(w - r, h)}H${r2(r)}${arc(0, h - r)}V${r2(r)}${arc(r, 0)}Z` }
    }
  }
}
