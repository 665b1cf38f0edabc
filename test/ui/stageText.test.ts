/** What the stage bar tells each role, and why a person may not draw, in both languages. */
import { describe, expect, it } from 'vitest'
import { LANGS, strings } from '../../src/i18n/strings'
import { can, ROLES, STAGES } from '../../src/shared/workflow'
import { byNameText, guidanceFor, nextDrawingStage, readonlyReason } from '../../src/i18n/stageText'
import { problemFromCode } from '../../src/workflow/accessProblem'

describe('stage guidance', () => {
  it('tells every role what to do in every stage, in Chinese and English, each differently', () => {
    for (const lang of LANGS) {
      const seen = new Set<string>()
      for (const role of ROLES) {
        for (const stage of STAGES) {
          const text = guidanceFor(strings[lang], role, stage)
          expect(text.trim().length, `${lang} ${role} ${stage}`).toBeGreaterThan(10)
          expect(seen.has(text), `${lang} ${role} ${stage} repeats another`).toBe(false)
          seen.add(text)
        }
      }
      expect(seen.size).toBe(ROLES.length * STAGES.length)
    }
  })

  it('says what comes next after every stage, and names every role and stage', () => {
    for (const lang of LANGS) {
      const w = strings[lang].workflow
      for (const stage of STAGES) {
        expect(w.next[stage].trim()).not.toBe('')
        expect(w.stages[stage].trim()).not.toBe('')
      }
      for (const role of ROLES) expect(w.roles[role].trim()).not.toBe('')
    }
  })

  it('uses the stage names the co-design loop is known by', () => {
    expect(STAGES.map((s) => strings['zh-CN'].workflow.stages[s])).toEqual([
      '组织搭平台',
      '收集需求',
      '专家实地察',
      '多方共协商',
      '方案定稿',
      '实施落实',
    ])
  })
})

describe('read-only reason', () => {
  const zh = strings['zh-CN']

  it('is given exactly when the permission table forbids drawing', () => {
    for (const lang of LANGS) {
      for (const role of ROLES) {
        for (const stage of STAGES) {
          const reason = readonlyReason(strings[lang], lang, role, stage)
          if (can(role, stage, 'draw')) expect(reason, `${role} ${stage}`).toBeNull()
          else expect(reason, `${lang} ${role} ${stage}`).toEqual(expect.stringContaining(strings[lang].workflow.stages[stage]))
        }
      }
    }
  })

  it('tells a resident in Organize that drawing opens with Collect needs', () => {
    expect(readonlyReason(zh, 'zh-CN', 'resident', 'organize')).toBe(
      '现在是“组织搭平台”阶段，居民暂时只能看，不能画。到“收集需求”阶段就可以在图上画和写了。',
    )
    expect(nextDrawingStage('resident', 'organize')).toBe('needs')
  })

  it('names who draws when the role will not draw again', () => {
    expect(nextDrawingStage('resident', 'siteVisit')).toBeUndefined()
    const reason = readonlyReason(zh, 'zh-CN', 'resident', 'siteVisit')!
    expect(reason).toContain(zh.workflow.roles.organizer)
    expect(reason).toContain(zh.workflow.roles.expert)
    expect(reason).not.toContain('{')
    const en = readonlyReason(strings.en, 'en', 'committee', 'agreed')!
    expect(en).toContain('Organizer')
    expect(en).not.toContain('{')
  })
})

describe('access problems', () => {
  it('tells a withdrawn link from an expired, an unknown one and a missing project', () => {
    expect(problemFromCode(403, 'link_revoked')).toEqual({ kind: 'revoked' })
    expect(problemFromCode(403, 'link_expired')).toEqual({ kind: 'expired' })
    expect(problemFromCode(401, 'invalid_token')).toEqual({ kind: 'invalid' })
    expect(problemFromCode(404, 'project_not_found')).toEqual({ kind: 'notFound' })
    // Not a refusal: the server or network failed, so the page keeps trying.
    expect(problemFromCode(500, null)).toBeNull()
    expect(problemFromCode(0, null)).toBeNull()
  })
})

describe('who made a move', () => {
  it('shows a role recorded as the mover (an API call without a name) by its label, never the English id', () => {
    const zh = strings['zh-CN']
    expect(byNameText(zh, 'organizer')).toBe(zh.workflow.roles.organizer)
    expect(byNameText(zh, 'organizer')).not.toMatch(/[A-Za-z]/)
    expect(byNameText(zh, '王老师')).toBe('王老师')
    expect(byNameText(zh, '')).toBe(zh.workflow.history.unknownName)
  })
})
