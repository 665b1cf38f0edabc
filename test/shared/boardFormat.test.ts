import { describe, expect, it } from 'vitest'
import { DOCUMENT_KEY, FIRST_PAGE_KEY, isEntry, META_ROOT, RECORDS_ROOT, SCHEMA_KEY } from '../../src/shared/boardFormat.js'
import * as Y from 'yjs'
import { TLDOCUMENT_ID } from 'tldraw'
import { openBoardDoc } from '../../src/sync/boardDoc.js'

describe('the board format module', () => {
  it('names the roots the browser binding writes, and the ids tldraw gives the document and its first page', () => {
    const doc = new Y.Doc()
    const board = openBoardDoc(doc)
    board.records.set('shape:a', { id: 'shape:a', typeName: 'shape' })
    board.meta.set(SCHEMA_KEY, {})
    expect([...doc.share.keys()].sort()).toEqual([META_ROOT, RECORDS_ROOT].sort())
    expect(DOCUMENT_KEY).toBe(TLDOCUMENT_ID)
    expect(FIRST_PAGE_KEY).toMatch(/^page:/)
  })

  it('tells a records entry from anything else', () => {
    expect(isEntry({ key: 'shape:a', val: { id: 'shape:a' } })).toBe(true)
    expect(isEntry({ key: 'shape:a', val: undefined })).toBe(true)
    for (const v of [null, undefined, 'shape:a', ['shape:a', {}], { key: 1, val: {} }, { key: 'shape:a' }]) expect(isEntry(v)).toBe(false)
  })
})
