import { describe, expect, it } from 'vitest'
import { boardPath, parseRoute } from '../../src/app/router'

describe('routes', () => {
  it('maps the home page, boards and anything else', () => {
    expect(parseRoute('/')).toEqual({ page: 'home' })
    expect(parseRoute('/b/AbC_12-xyzABC_12-xyzA')).toEqual({ page: 'board', boardId: 'AbC_12-xyzABC_12-xyzA' })
    expect(parseRoute('/b/AbC_12-xyzABC_12-xyzA/')).toEqual({ page: 'board', boardId: 'AbC_12-xyzABC_12-xyzA' })
    expect(parseRoute('/settings')).toEqual({ page: 'not-found' })
    expect(parseRoute('/b/a/b')).toEqual({ page: 'not-found' })
  })

  it('treats a board URL with an impossible id as a missing board', () => {
    expect(parseRoute('/b/..%2F..%2Fetc')).toEqual({ page: 'bad-board' })
    expect(parseRoute('/b/%E0%A4%A')).toEqual({ page: 'bad-board' })
    expect(parseRoute('/b/short')).toEqual({ page: 'bad-board' })
  })

  it('builds board paths that parse back to the same board', () => {
    const id = 'Zz09_-Zz09_-Zz09_-Zz09'
    expect(parseRoute(boardPath(id))).toEqual({ page: 'board', boardId: id })
  })
})
