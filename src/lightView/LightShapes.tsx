/**
 * The board's shapes as one SVG layer in page coordinates, drawn from the stored records before the
 * tldraw editor has loaded (lightShapes.ts builds the scene). The caller moves and scales the layer
 * with the camera; `zoom`, when given, keeps the frames' names and outlines at tldraw's screen size.
 */
import { useId, useMemo, type ReactElement } from 'react'
import type { StoredRecord } from '../sync'
import { LIGHT_THEME } from './lightShapePalette'
import { lightScene, type LightItem, type LightPart } from './lightShapes'

interface LightShapesProps {
  records: readonly StoredRecord[]
  /** The URL to load for an image asset's stored `src` (an asset path, or a data URL). */
  resolveImage: (src: string) => string
  /** Shapes the caller draws itself (the base plan). */
  skipIds?: ReadonlySet<string>
  pageId?: string
  /** The camera's zoom; 1 if not given. */
  zoom?: number
}

/** Whether tldraw would use its wide-gamut highlighter colours here (its environment.ts test). */
function screenIsP3(): boolean {
  if (typeof window === 'undefined' || typeof CSS === 'undefined' || typeof window.matchMedia !== 'function') return false
  return CSS.supports('color', 'color(display-p3 1 1 1)') && window.matchMedia('(color-gamut: p3)').matches
}

/** DrawShapeSvg's forceSolid: zoomed out below half size and below 1.5 / strokeWidth, tldraw strokes ink solid. */
function strokeWidthAt(part: Extract<LightPart, { tag: 'path' }>, zoom: number): number | undefined {
  const sw = part.strokeWidth
  if (part.inkWidth === undefined || sw === undefined) return sw
  return zoom < 0.5 && zoom < 1.5 / sw ? sw : part.inkWidth
}

function Part({ part, zoom, resolveImage, shadowFill }: { part: LightPart; zoom: number; resolveImage: (src: string) => string; shadowFill: string }): ReactElement {
  switch (part.tag) {
    case 'shadow':
      return <rect x={part.x} y={part.y} width={part.w} height={part.h} fill={shadowFill} />
    case 'path':
      return (
        <path
          d={part.d}
          fill={part.fill ?? 'none'}
          stroke={part.stroke}
          strokeWidth={part.hairline ? 1 / zoom : strokeWidthAt(part, zoom)}
          strokeDasharray={part.dash}
          strokeLinecap="round"
          strokeLinejoin="round"
          opacity={part.opacity}
        />
      )
    case 'circle':
      return <circle cx={part.cx} cy={part.cy} r={part.r} fill={part.fill} />
    case 'rect':
      return <rect x={part.x} y={part.y} width={part.w} height={part.h} fill={part.fill} stroke={part.stroke} strokeWidth={part.hairline ? 1 / zoom : undefined} />
    case 'image': {
      const flip = part.flipX || part.flipY ? `translate(${part.flipX ? part.clipW : 0} ${part.flipY ? part.clipH : 0}) scale(${part.flipX ? -1 : 1} ${part.flipY ? -1 : 1})` : undefined
      // A nested <svg> clips a cropped image to the shape's box.
      return (
        <svg x={0} y={0} width={part.clipW} height={part.clipH} overflow="hidden">
          <image href={resolveImage(part.src)} x={part.x} y={part.y} width={part.w} height={part.h} preserveAspectRatio="none" transform={flip} />
        </svg>
      )
    }
    case 'text': {
      const k = part.screenSized ? 1 / zoom : 1
      const lineHeight = part.lineHeight * k
      const top = part.y * k
      return (
        <text
          x={part.x}
          fontSize={part.fontSize * k}
          fontFamily={part.fontFamily}
          fill={part.fill}
          textAnchor={part.anchor}
          dominantBaseline="central"
          // tldraw's outline: text-shadows of min(0.5, 1 / zoom) × 2 px each way, in the canvas colour.
          stroke={part.outline ? LIGHT_THEME.background : undefined}
          strokeWidth={part.outline ? 2 * Math.min(1, 2 / zoom) : undefined}
          strokeLinejoin={part.outline ? 'round' : undefined}
          paintOrder={part.outline ? 'stroke' : undefined}
          style={{ whiteSpace: 'pre' }}
        >
          {part.lines.map((line, i) => (
            <tspan key={i} x={part.x} y={top + (i + 0.5) * lineHeight}>
              {line}
            </tspan>
          ))}
        </text>
      )
    }
  }
}

export function LightShapes({ records, resolveImage, skipIds, pageId, zoom = 1 }: LightShapesProps) {
  const idPrefix = useId().replace(/:/g, '')
  const p3 = useMemo(screenIsP3, [])
  const scene = useMemo(() => lightScene(records, pageId, { skipIds, p3 }), [records, pageId, skipIds, p3])
  const clipIndex = new Map(scene.clips.map((clip, i) => [clip.id, i]))
  const clipRef = (clipId: string | undefined) => (clipId ? `url(#${idPrefix}-clip-${clipIndex.get(clipId)})` : undefined)
  const b = scene.bounds ?? { x: 0, y: 0, w: 0, h: 0 }

  const shape = (item: LightItem, i: number) => {
    const body = (
      <g key={`${item.id}-${i}`} data-shape-type={item.type} data-shape-id={item.id} transform={item.transform} opacity={item.opacity < 1 ? item.opacity : undefined}>
        {item.parts.map((part, j) => (
          <Part key={j} part={part} zoom={zoom} resolveImage={resolveImage} shadowFill={`url(#${idPrefix}-shadow)`} />
        ))}
      </g>
    )
    // The clip is in page coordinates: it goes on a wrapper, outside the shape's own transform.
    return item.clipId ? (
      <g key={`${item.id}-${i}`} clipPath={clipRef(item.clipId)}>
        {body}
      </g>
    ) : (
      body
    )
  }

  return (
    <svg
      data-testid="light-shapes"
      className="cg-light__shapes"
      viewBox={`${b.x} ${b.y} ${b.w} ${b.h}`}
      width={b.w}
      height={b.h}
      overflow="visible"
      aria-hidden="true"
      style={{ position: 'absolute', left: b.x, top: b.y, pointerEvents: 'none' }}
    >
      <defs>
        <linearGradient id={`${idPrefix}-shadow`} x1="0" y1="0" x2="0" y2="1">
          <stop offset="0" stopColor="rgb(15, 23, 31)" stopOpacity="0.28" />
          <stop offset="1" stopColor="rgb(15, 23, 31)" stopOpacity="0" />
        </linearGradient>
        {scene.clips.map((clip, i) => (
          <clipPath key={clip.id} id={`${idPrefix}-clip-${i}`} clipPathUnits="userSpaceOnUse" clipPath={clipRef(clip.clipId)}>
            <rect width={clip.w} height={clip.h} transform={clip.transform} />
          </clipPath>
        ))}
      </defs>
      {scene.items.map(shape)}
    </svg>
  )
}
