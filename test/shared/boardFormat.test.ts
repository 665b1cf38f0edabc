import { describe, expect, it } from 'vitest'
import { DOCUMENT_KEY, FIRST_PAGE_KEY, isEntry, META_ROOT, RECORDS_ROOT, SCHEMA_KEY } from '../../src/shared/boardFormat.js'
import { META_KEY, RECORDS_KEY, SCHEMA_KEY as CLIENT_SCHEMA_KEY } from '../../src/sync/boardDoc.js'

describe('the board format module', () => {
  it('names the roots the browser binding writes (src/sync/boardDoc.ts spells them too, for now)', () => {
    expect(RECORDS_ROOT).toBe(RECORDS_KEY)
    expect(META_ROOT).toBe(META_KEY)
    expect(SCHEMA_KEY).toBe(CLIENT_SCHEMA_KEY)
    expect([DOCUMENT_KEY, FIRST_PAGE_KEY]).toEqual(['document:document', 'page:page'])
  })

  it('tells a records entry from anything else', () => {
    expect(isEntry({ key: 'shape:a', val: { id: 'shape:a' } })).toBe(true)
    expect(isEntry({ key: 'shape:a', val: undefined })).toBe(true)
    for (const v of [null, undefined, 'shape:a', ['shape:a', {}], { key: 1, val: {} }, { key: 'shape:a' }]) expect(isEntry(v)).toBe(false)
  })
})
