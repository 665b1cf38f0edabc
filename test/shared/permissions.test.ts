import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ACTIONS, PERMISSIONS, ROLES, STAGES, can, nextStage, permissionsMarkdown, previousStage } from '../../src/shared/workflow.js'

describe('the role × stage permission table', () => {
  it('is what docs/permissions.md shows', () => {
    const doc = fs.readFileSync(new URL('../../docs/permissions.md', import.meta.url), 'utf8')
    expect(doc).toContain(permissionsMarkdown())
  })

  it('covers every stage and action, and only the organizer moves stages or manages links', () => {
    for (const stage of STAGES) {
      for (const action of ACTIONS) expect(Array.isArray(PERMISSIONS[stage][action])).toBe(true)
      expect(PERMISSIONS[stage].moveStage).toEqual(['organizer'])
      expect(PERMISSIONS[stage].manageLinks).toEqual(['organizer'])
    }
    for (const role of ROLES) if (role !== 'organizer') expect(can(role, 'needs', 'moveStage')).toBe(false)
  })

  it('lets residents draw while needs are collected but not while the project is organised or agreed', () => {
    expect(can('resident', 'organize', 'draw')).toBe(false)
    expect(can('resident', 'needs', 'draw')).toBe(true)
    expect(can('resident', 'agreed', 'draw')).toBe(false)
    expect(can('organizer', 'agreed', 'draw')).toBe(true)
  })

  it('orders the stages as the loop', () => {
    expect(nextStage('organize')).toBe('needs')
    expect(nextStage('agreed')).toBe('implement')
    expect(nextStage('implement')).toBeUndefined()
    expect(previousStage('organize')).toBeUndefined()
    expect(previousStage('agreed')).toBe('negotiate')
    expect(previousStage('implement')).toBe('agreed')
  })

  it('keeps the task list to 方案定稿 and 实施落实: residents tick finished tasks, never make them', () => {
    expect(can('organizer', 'agreed', 'manageTasks')).toBe(true)
    expect(can('organizer', 'negotiate', 'manageTasks')).toBe(false)
    expect(can('resident', 'implement', 'acceptTask')).toBe(true)
    expect(can('resident', 'implement', 'manageTasks')).toBe(false)
    expect(can('resident', 'implement', 'reportProgress')).toBe(false)
    expect(can('resident', 'agreed', 'acceptTask')).toBe(false)
  })
})
