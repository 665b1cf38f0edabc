import { describe, expect, it } from 'vitest'
import { brokenStore, memoryStore } from '../helpers/memoryStore'
import {
  accessAfterJoin,
  getAccess,
  linkTokenOf,
  listAccess,
  removeAccess,
  saveAccess,
  touch,
  type ProjectAccess,
} from '../../src/projects/projectAccess'

const id = (n: number) => `project${String(n).padStart(15, '0')}`
const token = (c: string) => c.repeat(43)

function entry(n: number, patch: Partial<ProjectAccess> = {}): ProjectAccess {
  return {
    projectId: id(n),
    token: token('a'),
    role: 'resident',
    projectName: `项目 ${n}`,
    name: '王阿姨',
    unit: '3号楼2单元',
    participantId: `person-${n}`,
    joinedAt: n * 1000,
    lastOpened: n * 1000,
    ...patch,
  }
}

describe("this device's project links", () => {
  it('remembers a link and finds it by project id', () => {
    const store = memoryStore()
    saveAccess(entry(1), store)
    expect(getAccess(id(1), store)).toEqual(entry(1))
    expect(getAccess(id(2), store)).toBeUndefined()
  })

  it('lists projects by when they were last opened, newest first', () => {
    const store = memoryStore()
    saveAccess(entry(1), store)
    saveAccess(entry(3), store)
    saveAccess(entry(2), store)
    expect(listAccess(store).map((e) => e.projectId)).toEqual([id(3), id(2), id(1)])
  })

  it('keeps one link per project: a newer link replaces the older one', () => {
    const store = memoryStore()
    saveAccess(entry(1, { role: 'resident', token: token('r') }), store)
    saveAccess(entry(1, { role: 'committee', token: token('c'), lastOpened: 5000 }), store)
    const list = listAccess(store)
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({ role: 'committee', token: token('c') })
  })

  it('moves a project to the top when opened, and refreshes its name', () => {
    const store = memoryStore()
    saveAccess(entry(1), store)
    saveAccess(entry(2), store)
    expect(touch(id(1), { projectName: '新名字' }, store, 9000)).toMatchObject({ lastOpened: 9000, projectName: '新名字' })
    expect(listAccess(store).map((e) => e.projectId)).toEqual([id(1), id(2)])
    expect(getAccess(id(1), store)?.token).toBe(token('a'))
    expect(touch(id(7), {}, store, 9000)).toBeUndefined()
  })

  it('removes a project from this device only', () => {
    const store = memoryStore()
    saveAccess(entry(1), store)
    saveAccess(entry(2), store)
    expect(removeAccess(id(1), store).map((e) => e.projectId)).toEqual([id(2)])
    expect(getAccess(id(1), store)).toBeUndefined()
  })

  it('keeps an organizer entry that has not joined as a person', () => {
    const store = memoryStore()
    saveAccess(entry(1, { role: 'organizer', name: '', unit: '', participantId: null }), store)
    expect(getAccess(id(1), store)).toMatchObject({ role: 'organizer', participantId: null })
  })

  it('keeps the role link beside the personal token after joining, and recognises the link by it', () => {
    const store = memoryStore()
    const before = entry(1, { role: 'organizer', name: '', unit: '', participantId: null, token: token('o') })
    expect(linkTokenOf(before)).toBe(token('o'))
    const joined = accessAfterJoin(
      { ...before, name: '王老师', lastOpened: 9000 },
      linkTokenOf(before),
      { participant: { id: 'person-1', linkId: 'link-1', role: 'organizer', name: '王老师', unit: '', seq: 1, label: '王老师', joinedAt: 8000 }, token: token('p') },
    )
    saveAccess(joined, store)
    expect(getAccess(id(1), store)).toEqual({
      ...before, token: token('p'), linkToken: token('o'), participantId: 'person-1', name: '王老师', joinedAt: 8000, lastOpened: 9000,
    })
    expect(linkTokenOf(getAccess(id(1), store)!)).toBe(token('o'))
  })

  it('still reads entries saved before personal tokens (no linkToken): their token is the link', () => {
    const old = JSON.stringify([entry(1)])
    const read = listAccess(memoryStore({ 'commonground.projectAccess': old }))[0]
    expect(read).toEqual(entry(1))
    expect('linkToken' in read).toBe(false)
    expect(linkTokenOf(read)).toBe(token('a'))
  })

  it('records a new name for me on the project', () => {
    const store = memoryStore()
    saveAccess(entry(1), store)
    expect(touch(id(1), { name: '李阿姨' }, store, 9000)).toMatchObject({ name: '李阿姨', lastOpened: 9000 })
    expect(getAccess(id(1), store)?.name).toBe('李阿姨')
  })

  it('refuses to save a malformed entry', () => {
    const store = memoryStore()
    expect(() => saveAccess(entry(1, { role: 'mayor' as never }), store)).toThrow()
    expect(() => saveAccess(entry(1, { projectId: '../x' }), store)).toThrow()
    expect(() => saveAccess(entry(1, { linkToken: 'short' }), store)).toThrow()
    expect(listAccess(store)).toEqual([])
  })

  it('survives damaged storage: unreadable JSON, wrong shapes, bad ids, roles and tokens', () => {
    expect(listAccess(memoryStore({ 'commonground.projectAccess': '{not json' }))).toEqual([])
    expect(listAccess(memoryStore({ 'commonground.projectAccess': '{"a":1}' }))).toEqual([])
    const mixed = JSON.stringify([
      entry(1),
      { ...entry(2), projectId: '../../etc' },
      { ...entry(3), role: 'admin' },
      { ...entry(4), token: 'short' },
      { ...entry(5), lastOpened: 'yesterday' },
      { ...entry(6), participantId: 42 },
      { ...entry(7), linkToken: 'not a token!' },
      { ...entry(8), linkToken: null },
      null,
      'text',
    ])
    expect(listAccess(memoryStore({ 'commonground.projectAccess': mixed })).map((e) => e.projectId)).toEqual([id(1)])
  })

  it('does not let stray fields from storage through', () => {
    const stored = JSON.stringify([{ ...entry(1), extra: 'x'.repeat(10) }])
    expect(listAccess(memoryStore({ 'commonground.projectAccess': stored }))[0]).toEqual(entry(1))
  })

  it('works when storage is unavailable (nothing remembered, nothing thrown)', () => {
    expect(saveAccess(entry(1), brokenStore)).toHaveLength(1)
    expect(listAccess(brokenStore)).toEqual([])
    expect(removeAccess(id(1), brokenStore)).toEqual([])
    expect(touch(id(1), {}, brokenStore)).toBeUndefined()
  })
})
