import { describe, expect, it } from 'vitest'
import { strings } from '../../src/i18n/strings'
import { formatArea, formatLength } from '../../src/measure/formatMeasure'
import {
  basePlanCanvasSize,
  metresPerUnitFrom,
  pathLength,
  polygonArea,
  polygonPerimeter,
  squareUnitsToSquareMetres,
  unitsToMetres,
} from '../../src/measure/geometry'
import {
  drag,
  figuresOf,
  finish,
  hover,
  NO_MEASUREMENT,
  release,
  type Measurement,
} from '../../src/measure/measureSession'
import { MAX_SCALE_METRES, parseMetres, scaleFromInput } from '../../src/measure/parseMetres'

const zh = strings['zh-CN'].measure
const en = strings.en.measure

describe('geometry', () => {
  const square = [
    { x: 0, y: 0 },
    { x: 10, y: 0 },
    { x: 10, y: 10 },
    { x: 0, y: 10 },
  ]

  it('measures areas whichever way the outline was drawn', () => {
    expect(polygonArea(square)).toBe(100)
    expect(polygonArea([...square].reverse())).toBe(100)
    expect(polygonArea([{ x: 0, y: 0 }, { x: 4, y: 0 }, { x: 0, y: 3 }])).toBe(6)
    expect(polygonArea(square.slice(0, 2))).toBe(0)
  })

  it('measures open paths and closed perimeters', () => {
    expect(pathLength([{ x: 0, y: 0 }, { x: 3, y: 4 }])).toBe(5)
    expect(pathLength(square)).toBe(30)
    expect(polygonPerimeter(square)).toBe(40)
  })

  it('turns a line of known length into a scale, and refuses nonsense', () => {
    expect(metresPerUnitFrom(12.5, 250)).toBe(0.05)
    expect(metresPerUnitFrom(0, 250)).toBeNull()
    expect(metresPerUnitFrom(-3, 250)).toBeNull()
    expect(metresPerUnitFrom(10, 0)).toBeNull()
    expect(metresPerUnitFrom(Number.NaN, 10)).toBeNull()
  })

  it('converts lengths linearly and areas by the square of the scale', () => {
    expect(unitsToMetres(200, 0.05)).toBeCloseTo(10)
    expect(squareUnitsToSquareMetres(100 * 100, 0.05)).toBeCloseTo(25)
  })

  it('places the base plan at natural size, or shrinks a huge one to a 2000-unit long side', () => {
    expect(basePlanCanvasSize(1200, 800)).toEqual({ w: 1200, h: 800 })
    expect(basePlanCanvasSize(6000, 3000)).toEqual({ w: 2000, h: 1000 })
    expect(basePlanCanvasSize(1000, 8000)).toEqual({ w: 250, h: 2000 })
    expect(basePlanCanvasSize(0, 10)).toEqual({ w: 1, h: 10 })
  })
})

describe('formatting', () => {
  it('writes lengths in Chinese first, with sensible precision', () => {
    expect(formatLength(3.44, zh, 'zh-CN')).toBe('3.4 米')
    expect(formatLength(3, zh, 'zh-CN')).toBe('3 米')
    expect(formatLength(12.5, zh, 'zh-CN')).toBe('12.5 米')
    expect(formatLength(0.35, zh, 'zh-CN')).toBe('35 厘米')
    expect(formatLength(0.996, zh, 'zh-CN')).toBe('1 米')
    expect(formatLength(123.4, zh, 'zh-CN')).toBe('123 米')
    expect(formatLength(1234.4, zh, 'zh-CN')).toBe('1,234 米')
  })

  it('writes lengths in English', () => {
    expect(formatLength(3.44, en, 'en')).toBe('3.4 m')
    expect(formatLength(0.35, en, 'en')).toBe('35 cm')
  })

  it('writes areas in square metres', () => {
    expect(formatArea(12.46, zh, 'zh-CN')).toBe('12.5 平方米')
    expect(formatArea(12.46, en, 'en')).toBe('12.5 m²')
    expect(formatArea(250.4, en, 'en')).toBe('250 m²')
    expect(formatArea(0.256, en, 'en')).toBe('0.26 m²')
  })
})

describe('reading the typed length', () => {
  it('accepts plain, comma-decimal, full-width and unit-suffixed numbers', () => {
    expect(parseMetres('12.5')).toEqual({ ok: true, metres: 12.5 })
    expect(parseMetres(' 12,5 ')).toEqual({ ok: true, metres: 12.5 })
    expect(parseMetres('１２．５')).toEqual({ ok: true, metres: 12.5 })
    expect(parseMetres('12.5米')).toEqual({ ok: true, metres: 12.5 })
    expect(parseMetres('8 m')).toEqual({ ok: true, metres: 8 })
    expect(parseMetres('.5')).toEqual({ ok: true, metres: 0.5 })
  })

  it('says why a bad input is refused', () => {
    expect(parseMetres('')).toEqual({ ok: false, error: 'empty' })
    expect(parseMetres('   ')).toEqual({ ok: false, error: 'empty' })
    expect(parseMetres('abc')).toEqual({ ok: false, error: 'number' })
    expect(parseMetres('米')).toEqual({ ok: false, error: 'number' })
    expect(parseMetres('1,234.5')).toEqual({ ok: false, error: 'number' })
    expect(parseMetres('1e3')).toEqual({ ok: false, error: 'number' })
    expect(parseMetres('12.5.3')).toEqual({ ok: false, error: 'number' })
    expect(parseMetres('0')).toEqual({ ok: false, error: 'positive' })
    expect(parseMetres('-3')).toEqual({ ok: false, error: 'positive' })
    expect(parseMetres(String(MAX_SCALE_METRES + 1))).toEqual({ ok: false, error: 'tooLarge' })
  })

  it('computes the scale from the typed length and the drawn line', () => {
    expect(scaleFromInput('12,5', 250)).toEqual({ ok: true, metresPerUnit: 0.05 })
    expect(scaleFromInput('12', 0)).toEqual({ ok: false, error: 'line' })
    expect(scaleFromInput('', 250)).toEqual({ ok: false, error: 'empty' })
  })
})

describe('measure gestures', () => {
  const far = { dragged: false, closeDistance: 5 }

  it('measures a dragged distance', () => {
    let m: Measurement = NO_MEASUREMENT
    m = drag(m, { x: 0, y: 0 }, { x: 30, y: 0 })
    m = drag(m, { x: 0, y: 0 }, { x: 30, y: 40 })
    expect(m).toEqual({ kind: 'line', a: { x: 0, y: 0 }, b: { x: 30, y: 40 }, done: false })
    m = release(m, { x: 30, y: 40 }, { dragged: true, closeDistance: 5 })
    expect(m).toMatchObject({ kind: 'line', done: true })
    expect(figuresOf(m).lengthUnits).toBe(50)
  })

  it('measures an area from tapped corners, closed by tapping the first corner', () => {
    let m: Measurement = NO_MEASUREMENT
    for (const p of [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }, { x: 0, y: 10 }]) m = release(m, p, far)
    expect(m).toMatchObject({ kind: 'polygon', closed: false })
    expect(figuresOf(m)).toMatchObject({ lengthUnits: 30, corners: 4, areaUnits: null })
    m = hover(m, { x: 5, y: 12 })
    expect(m).toMatchObject({ cursor: { x: 5, y: 12 } })
    m = release(m, { x: 1, y: 1 }, far)
    expect(m).toMatchObject({ kind: 'polygon', closed: true, cursor: null })
    expect(figuresOf(m)).toMatchObject({ areaUnits: 100, perimeterUnits: 40 })
  })

  it('closes on double tap / finish, and a 2-point outline becomes a distance', () => {
    let m: Measurement = NO_MEASUREMENT
    for (const p of [{ x: 0, y: 0 }, { x: 4, y: 0 }, { x: 0, y: 3 }]) m = release(m, p, far)
    expect(figuresOf(finish(m)).areaUnits).toBe(6)

    let two: Measurement = NO_MEASUREMENT
    for (const p of [{ x: 0, y: 0 }, { x: 3, y: 4 }]) two = release(two, p, far)
    expect(finish(two)).toEqual({ kind: 'line', a: { x: 0, y: 0 }, b: { x: 3, y: 4 }, done: true })
    expect(finish(release(NO_MEASUREMENT, { x: 1, y: 1 }, far))).toEqual(NO_MEASUREMENT)
  })

  it('ignores a repeated tap on the last corner, and places a corner where a drag ends', () => {
    let m: Measurement = release(NO_MEASUREMENT, { x: 0, y: 0 }, far)
    m = release(m, { x: 20, y: 0 }, far)
    m = release(m, { x: 20.5, y: 0 }, far)
    expect(figuresOf(m).corners).toBe(2)
    m = drag(m, { x: 20, y: 0 }, { x: 20, y: 15 })
    m = release(m, { x: 20, y: 20 }, { dragged: true, closeDistance: 5 })
    expect(m).toMatchObject({ kind: 'polygon', points: [{ x: 0, y: 0 }, { x: 20, y: 0 }, { x: 20, y: 20 }] })
  })

  it('starts afresh with a new tap after a finished result', () => {
    const line = release(drag(NO_MEASUREMENT, { x: 0, y: 0 }, { x: 9, y: 0 }), { x: 9, y: 0 }, { dragged: true, closeDistance: 5 })
    const next = release(line, { x: 50, y: 50 }, far)
    expect(next).toEqual({ kind: 'polygon', points: [{ x: 50, y: 50 }], cursor: null, closed: false })
    // A new drag replaces it too.
    expect(drag(line, { x: 1, y: 1 }, { x: 2, y: 2 })).toMatchObject({ kind: 'line', done: false })
  })
})
