import { describe, expect, it } from 'vitest'
import { brokenStore, memoryStore } from '../helpers/memoryStore'
import {
  findRecentBoard,
  forgetBoard,
  loadRecentBoards,
  rememberBoard,
  RECENT_BOARDS_MAX,
} from '../../src/board/recentBoards'

const id = (n: number) => `board${String(n).padStart(6, '0')}`

describe('recent boards on this device', () => {
  it('lists remembered boards newest first', () => {
    const store = memoryStore()
    rememberBoard({ id: id(1), name: '小花园' }, store, 1000)
    rememberBoard({ id: id(2), name: '停车棚' }, store, 2000)
    expect(loadRecentBoards(store).map((b) => b.name)).toEqual(['停车棚', '小花园'])
  })

  it('moves a reopened board to the top and refreshes its name', () => {
    const store = memoryStore()
    rememberBoard({ id: id(1), name: 'old name' }, store, 1000)
    rememberBoard({ id: id(2), name: 'other' }, store, 2000)
    rememberBoard({ id: id(1), name: 'new name' }, store, 3000)
    const boards = loadRecentBoards(store)
    expect(boards).toHaveLength(2)
    expect(boards[0]).toEqual({ id: id(1), name: 'new name', lastOpened: 3000 })
    expect(findRecentBoard(id(1), store)?.name).toBe('new name')
  })

  it('removes a board from the list', () => {
    const store = memoryStore()
    rememberBoard({ id: id(1), name: 'a' }, store, 1000)
    rememberBoard({ id: id(2), name: 'b' }, store, 2000)
    expect(forgetBoard(id(1), store).map((b) => b.id)).toEqual([id(2)])
    expect(loadRecentBoards(store).map((b) => b.id)).toEqual([id(2)])
    expect(findRecentBoard(id(1), store)).toBeUndefined()
  })

  it('keeps at most RECENT_BOARDS_MAX boards, dropping the oldest', () => {
    const store = memoryStore()
    for (let i = 0; i < RECENT_BOARDS_MAX + 5; i++) rememberBoard({ id: id(i), name: `b${i}` }, store, i)
    const boards = loadRecentBoards(store)
    expect(boards).toHaveLength(RECENT_BOARDS_MAX)
    expect(boards[0].id).toBe(id(RECENT_BOARDS_MAX + 4))
    expect(boards.some((b) => b.id === id(0))).toBe(false)
  })

  it('survives damaged storage: unreadable JSON, wrong shapes, unsafe ids', () => {
    expect(loadRecentBoards(memoryStore({ 'commonground.recentBoards': '{not json' }))).toEqual([])
    expect(loadRecentBoards(memoryStore({ 'commonground.recentBoards': '{"a":1}' }))).toEqual([])
    const mixed = JSON.stringify([
      { id: id(1), name: 'fine', lastOpened: 5 },
      { id: '../../etc', name: 'bad id', lastOpened: 6 },
      { id: id(2), name: 42, lastOpened: 7 },
      null,
    ])
    expect(loadRecentBoards(memoryStore({ 'commonground.recentBoards': mixed })).map((b) => b.name)).toEqual(['fine'])
  })

  it('works when storage is unavailable (nothing remembered, nothing thrown)', () => {
    expect(rememberBoard({ id: id(1), name: 'a' }, brokenStore, 1)).toHaveLength(1)
    expect(loadRecentBoards(brokenStore)).toEqual([])
  })
})
