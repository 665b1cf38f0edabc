/**
 * tldraw's light-mode colours and sizes, copied from tldraw 5.4 (DEFAULT_THEME in @tldraw/editor,
 * default-shape-constants in tldraw) so the light view can draw a board without loading tldraw.
 * test/ui/lightShapes.test.ts compares them with tldraw's own, so an upgrade that changes them fails there.
 */

export interface LightColour {
  solid: string
  fill: string
  linedFill: string
  semi: string
  pattern: string
  noteFill: string
  noteText: string
  frameStroke: string
  frameFill: string
  highlightSrgb: string
  highlightP3: string
}

export const LIGHT_PALETTE: Record<string, LightColour> = {
  black: { solid: '#1d1d1d', fill: '#1d1d1d', linedFill: '#363636', semi: '#e8e8e8', pattern: '#494949', noteFill: '#FCE19C', noteText: '#000000', frameStroke: '#717171', frameFill: '#ffffff', highlightSrgb: '#fddd00', highlightP3: 'color(display-p3 0.972 0.8205 0.05)' },
  blue: { solid: '#4465e9', fill: '#4465e9', linedFill: '#6580ec', semi: '#dce1f8', pattern: '#6681ee', noteFill: '#8AA3FF', noteText: '#000000', frameStroke: '#6681ec', frameFill: '#f9fafe', highlightSrgb: '#10acff', highlightP3: 'color(display-p3 0.308 0.6632 0.9996)' },
  green: { solid: '#099268', fill: '#099268', linedFill: '#0bad7c', semi: '#d3e9e3', pattern: '#39a785', noteFill: '#6FC896', noteText: '#000000', frameStroke: '#37a684', frameFill: '#f8fcfa', highlightSrgb: '#00ffc8', highlightP3: 'color(display-p3 0.2536 0.984 0.7981)' },
  grey: { solid: '#9fa8b2', fill: '#9fa8b2', linedFill: '#bbc1c9', semi: '#eceef0', pattern: '#bcc3c9', noteFill: '#C0CAD3', noteText: '#000000', frameStroke: '#aaaaab', frameFill: '#fcfcfd', highlightSrgb: '#cbe7f1', highlightP3: 'color(display-p3 0.8163 0.9023 0.9416)' },
  'light-blue': { solid: '#4ba1f1', fill: '#4ba1f1', linedFill: '#7abaf5', semi: '#ddedfa', pattern: '#6fbbf8', noteFill: '#9BC4FD', noteText: '#000000', frameStroke: '#6cb2f3', frameFill: '#fafcff', highlightSrgb: '#00f4ff', highlightP3: 'color(display-p3 0.1512 0.9414 0.9996)' },
  'light-green': { solid: '#4cb05e', fill: '#4cb05e', linedFill: '#7ec88c', semi: '#dbf0e0', pattern: '#65cb78', noteFill: '#98D08A', noteText: '#000000', frameStroke: '#6dbe7c', frameFill: '#fafdfa', highlightSrgb: '#65f641', highlightP3: 'color(display-p3 0.563 0.9495 0.3857)' },
  'light-red': { solid: '#f87777', fill: '#f87777', linedFill: '#f99a9a', semi: '#f4dadb', pattern: '#fe9e9e', noteFill: '#F7A5A1', noteText: '#000000', frameStroke: '#f89090', frameFill: '#fffbfb', highlightSrgb: '#ff7fa3', highlightP3: 'color(display-p3 0.9988 0.5301 0.6397)' },
  'light-violet': { solid: '#e085f4', fill: '#e085f4', linedFill: '#e9abf7', semi: '#f5eafa', pattern: '#e9acf8', noteFill: '#DFB0F9', noteText: '#000000', frameStroke: '#e59bf5', frameFill: '#fefbff', highlightSrgb: '#ff88ff', highlightP3: 'color(display-p3 0.9676 0.5652 0.9999)' },
  orange: { solid: '#e16919', fill: '#e16919', linedFill: '#ea8643', semi: '#f8e2d4', pattern: '#f78438', noteFill: '#FAA475', noteText: '#000000', frameStroke: '#e68544', frameFill: '#fef9f6', highlightSrgb: '#ffa500', highlightP3: 'color(display-p3 0.9988 0.6905 0.266)' },
  red: { solid: '#e03131', fill: '#e03131', linedFill: '#e75f5f', semi: '#f4dadb', pattern: '#e55959', noteFill: '#FC8282', noteText: '#000000', frameStroke: '#e55757', frameFill: '#fef9f9', highlightSrgb: '#ff636e', highlightP3: 'color(display-p3 0.9992 0.4376 0.45)' },
  violet: { solid: '#ae3ec9', fill: '#ae3ec9', linedFill: '#be68d4', semi: '#ecdcf2', pattern: '#bd63d3', noteFill: '#DB91FD', noteText: '#000000', frameStroke: '#bc62d3', frameFill: '#fdf9fd', highlightSrgb: '#c77cff', highlightP3: 'color(display-p3 0.7469 0.5089 0.9995)' },
  yellow: { solid: '#f1ac4b', fill: '#f1ac4b', linedFill: '#f5c27a', semi: '#f9f0e6', pattern: '#fecb92', noteFill: '#FED49A', noteText: '#000000', frameStroke: '#f3bb6c', frameFill: '#fffdfa', highlightSrgb: '#fddd00', highlightP3: 'color(display-p3 0.972 0.8705 0.05)' },
  white: { solid: '#FFFFFF', fill: '#FFFFFF', linedFill: '#ffffff', semi: '#f5f5f5', pattern: '#f9f9f9', noteFill: '#FFFFFF', noteText: '#000000', frameStroke: '#7d7d7d', frameFill: '#ffffff', highlightSrgb: '#ffffff', highlightP3: 'color(display-p3 1 1 1)' },
}

/** Theme-level colours (not per named colour). */
export const LIGHT_THEME = {
  text: '#000000',
  /** `fill: 'semi'` paints this, whatever the shape's colour. */
  solid: '#fcfffe',
  noteBorder: 'rgb(144, 144, 144)',
  /** The canvas (--tl-color-background), which tldraw's text outline is drawn in. */
  background: '#f9fafb',
  /** The frame heading's text. */
  frameText: '#000000',
  /** theme.strokeWidth, theme.fontSize, theme.lineHeight. */
  strokeWidth: 2,
  fontSize: 16,
  lineHeight: 1.35,
} as const

export type LightSize = 's' | 'm' | 'l' | 'xl'

export const STROKE_SIZES: Record<LightSize, number> = { s: 1, m: 1.75, l: 2.5, xl: 5 }
/** Text shapes. */
export const FONT_SIZES: Record<LightSize, number> = { s: 1.125, m: 1.5, l: 2.25, xl: 2.75 }
/** Geo and note labels. */
export const LABEL_FONT_SIZES: Record<LightSize, number> = { s: 1.125, m: 1.375, l: 1.625, xl: 2 }
export const ARROW_LABEL_FONT_SIZES: Record<LightSize, number> = { s: 1.125, m: 1.25, l: 1.5, xl: 1.75 }
/** Padding inside geo and note labels. */
export const LABEL_PADDING = 16
export const NOTE_SIZE = 200

export function colourOf(name: unknown): LightColour {
  return (typeof name === 'string' && LIGHT_PALETTE[name]) || LIGHT_PALETTE.black
}

export function sizeOf(size: unknown): LightSize {
  return size === 's' || size === 'l' || size === 'xl' ? size : 'm'
}

/** The fill colour of a `fill` style, as tldraw's getDefaultDisplayValues picks it; null for none. */
export function fillColour(fill: unknown, colour: LightColour): string | null {
  switch (fill) {
    case 'semi':
      return LIGHT_THEME.solid
    case 'solid':
      return colour.semi
    // Approximation: tldraw hatches a pattern fill over its semi colour; we paint the semi colour.
    case 'pattern':
      return colour.semi
    case 'fill':
      return colour.fill
    case 'lined-fill':
      return colour.linedFill
    default:
      return null
  }
}
