import { describe, expect, it } from 'vitest'
import { hasPersonalNumbers, maskPersonalNumbers } from '../../src/shared/personalNumbers.js'

describe('masking phone and ID-card numbers in free text', () => {
  it('masks mainland mobile numbers, typed together or in groups', () => {
    expect(maskPersonalNumbers('电话13812345678')).toBe('电话138****5678')
    expect(maskPersonalNumbers('138 1234 5678 或 139-8765-4321')).toBe('138****5678 或 139****4321')
    expect(maskPersonalNumbers('call 15900001111.')).toBe('call 159****1111.')
  })

  it('masks 18-character ID-card numbers, with a digit or X at the end', () => {
    expect(maskPersonalNumbers('身份证110101199003071234')).toBe('身份证1101**********1234')
    expect(maskPersonalNumbers('11010119900307123x号')).toBe('1101**********123X号')
  })

  it('leaves other numbers alone: too short, too long, not a mobile prefix, landlines, dates', () => {
    for (const text of [
      '1381234567', // 10 digits
      '138123456789', // 12 digits
      '6222021234567890123', // a bank card (19 digits)
      '12812345678', // 12x is no mobile prefix
      '021-64381234',
      '2026年12月6日 19:30',
      '5 号楼 302 室',
    ]) {
      expect(maskPersonalNumbers(text)).toBe(text)
      expect(hasPersonalNumbers(text)).toBe(false)
    }
    expect(hasPersonalNumbers('王阿姨 13812345678')).toBe(true)
  })
})
