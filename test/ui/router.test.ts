import { describe, expect, it } from 'vitest'
import { boardPath, joinPath, parseRoute, projectPath } from '../../src/ui/router'
import { tokenFromHash } from '../../src/projects/joinToken'
import { workspaceTokenFromHash } from '../../src/projects/workspaceAccess'
import { workspacePath } from '../../src/shared/workspaceApi'

const ID = 'AbC_12-xyzABC_12-xyzA'

describe('routes', () => {
  it('maps the home page, boards and anything else', () => {
    expect(parseRoute('/')).toEqual({ page: 'home' })
    expect(parseRoute('/b/AbC_12-xyzABC_12-xyzA')).toEqual({ page: 'board', boardId: 'AbC_12-xyzABC_12-xyzA' })
    expect(parseRoute('/b/AbC_12-xyzABC_12-xyzA/')).toEqual({ page: 'board', boardId: 'AbC_12-xyzABC_12-xyzA' })
    expect(parseRoute('/settings')).toEqual({ page: 'not-found' })
    expect(parseRoute('/b/a/b')).toEqual({ page: 'not-found' })
    expect(parseRoute('/b/')).toEqual({ page: 'not-found' })
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

  it('maps the new-project form, join links and project boards', () => {
    expect(parseRoute('/new')).toEqual({ page: 'new-project' })
    expect(parseRoute('/new/')).toEqual({ page: 'new-project' })
    expect(parseRoute(`/join/${ID}`)).toEqual({ page: 'join', projectId: ID })
    expect(parseRoute(`/join/${ID}/`)).toEqual({ page: 'join', projectId: ID })
    expect(parseRoute(`/p/${ID}`)).toEqual({ page: 'project', projectId: ID })
    expect(parseRoute(`/p/${ID}/`)).toEqual({ page: 'project', projectId: ID })
    expect(parseRoute('/new/x')).toEqual({ page: 'not-found' })
    expect(parseRoute(`/p/${ID}/extra`)).toEqual({ page: 'not-found' })
    expect(parseRoute('/join/')).toEqual({ page: 'not-found' })
    expect(parseRoute('/projects')).toEqual({ page: 'not-found' })
  })

  it('maps a public notice link, and a mistyped one to the notice page that says it is not found', () => {
    const token = 'T0k_-T0k_-T0k_-T0k_-T0k_-T0k_-T0k_-T0k_-T0k'
    expect(parseRoute(`/n/${token}`)).toEqual({ page: 'notice', token })
    expect(parseRoute(`/n/${token}/`)).toEqual({ page: 'notice', token })
    expect(parseRoute('/n/%3Cscript%3E')).toEqual({ page: 'notice', token: 'invalid' })
    expect(parseRoute(`/n/${token}/x`)).toEqual({ page: 'not-found' })
  })

  it('treats a join or project URL with an impossible id as a missing project', () => {
    expect(parseRoute('/join/..%2F..%2Fetc')).toEqual({ page: 'bad-project' })
    expect(parseRoute('/join/short')).toEqual({ page: 'bad-project' })
    expect(parseRoute('/p/%E0%A4%A')).toEqual({ page: 'bad-project' })
    expect(parseRoute('/p/has%20space')).toEqual({ page: 'bad-project' })
  })

  it('builds project and join paths that parse back to the same project', () => {
    expect(projectPath(ID)).toBe(`/p/${ID}`)
    expect(parseRoute(projectPath(ID))).toEqual({ page: 'project', projectId: ID })
    expect(parseRoute(joinPath(ID))).toEqual({ page: 'join', projectId: ID })
    const token = 'tok_-0123456789abcdefghijklmnopqrstuvwxyzABCD'
    const link = new URL(joinPath(ID, token), 'http://example.test')
    expect(parseRoute(link.pathname)).toEqual({ page: 'join', projectId: ID })
    expect(tokenFromHash(link.hash)).toBe(token)
  })

  it('maps a workspace link, its token left in the fragment', () => {
    const token = 'tok_-0123456789abcdefghijklmnopqrstuvwxyzAB'
    const link = new URL(workspacePath(ID, token), 'http://example.test')
    expect(parseRoute(link.pathname)).toEqual({ page: 'workspace', workspaceId: ID })
    expect(workspaceTokenFromHash(link.hash)).toBe(token)
    expect(workspaceTokenFromHash('#short')).toBeNull()
    expect(parseRoute('/w/..%2F..')).toEqual({ page: 'not-found' })
  })
})

describe('the token of a join link', () => {
  it('comes from the fragment, decoded and trimmed', () => {
    expect(tokenFromHash('#abc_DEF-123')).toBe('abc_DEF-123')
    expect(tokenFromHash('#%20abc%20')).toBe('abc')
    expect(tokenFromHash('abc')).toBe('abc')
  })

  it('is empty when the fragment is missing or garbled (the link is then refused as incomplete)', () => {
    expect(tokenFromHash('')).toBe('')
    expect(tokenFromHash('#')).toBe('')
    expect(tokenFromHash('#%E0%A4%A')).toBe('')
  })
})
