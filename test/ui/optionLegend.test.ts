/**
 * The caption under an exported option: a round scale length, the strip added
 * below the picture (viewBox, size and CSS height grow by it), the title escaped and cut before the
 * bar, and no bar without a scale.
 */
import { describe, expect, it } from 'vitest'
import { roundScaleLength, withOptionLegend } from '../../src/export/optionLegend'

const svg = (extra = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="1250" viewBox="100 -50 2000 1250" style="background-color: #fff;width:2000px;height:1250px"${extra}><rect x="100" y="-50" width="10" height="10"/></svg>`

describe('option legend', () => {
  it('picks the longest 1-2-5 length that fits', () => {
    expect(roundScaleLength(24)).toBe(20)
    expect(roundScaleLength(10)).toBe(10)
    expect(roundScaleLength(9.99)).toBe(5)
    expect(roundScaleLength(0.3)).toBe(0.2)
    expect(roundScaleLength(170)).toBe(100)
    expect(roundScaleLength(0)).toBeNull()
    expect(roundScaleLength(Number.NaN)).toBeNull()
  })

  it('adds a strip with the title and a bar of a round length below the picture', () => {
    // 0.04 m per unit: 30 % of 2000 units is 24 m, so the bar is 20 m = 500 units long.
    const out = withOptionLegend(svg(), { title: '方案 A <树下>', metresPerUnit: 0.04, lengthLabel: (m) => `${m} 米` })
    const root = /<svg[^>]*>/.exec(out.svg)![0]
    const vb = /viewBox="([^"]*)"/.exec(root)![1].split(' ').map(Number)
    expect(vb.slice(0, 3)).toEqual([100, -50, 2000])
    expect(vb[3]).toBeGreaterThan(1250)
    expect(out.width).toBe(2000)
    expect(out.height).toBeCloseTo(vb[3], 1)
    expect(root).toContain(`height="${out.height}"`)
    expect(root).toContain(`height:${out.height}px`)
    expect(root).toContain('width:2000px')
    expect(out.svg).toContain('方案 A &lt;树下&gt;')
    expect(out.svg).toContain('>20 米</text>')
    expect(out.svg).toMatch(/data-cg-scale-bar="" data-metres="20" data-units="500"/)
    // The strip is drawn after (on top of) the picture, below its old bottom edge.
    expect(out.svg.indexOf('data-cg-option-legend')).toBeGreaterThan(out.svg.indexOf('<rect x="100"'))
    expect(out.svg).toMatch(/<rect x="100" y="1200" width="2000"/)
  })

  it('draws no bar without a scale, and cuts a long title short', () => {
    const out = withOptionLegend(svg(), { title: '很长的方案名'.repeat(40), metresPerUnit: null, lengthLabel: () => 'x' })
    expect(out.svg).not.toContain('data-cg-scale-bar')
    expect(out.svg).toContain('…</text>')
  })
})
