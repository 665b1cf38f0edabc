import { describe, expect, it } from 'vitest'
import { addDot, ballotProblem, choose, pointsRemaining, removeDot, type Points } from '../../src/participation/negotiate/ballot'
import { formatCountdown, timerRemainingMs, timerSeconds } from '../../src/participation/negotiate/countdown'
import { detectMentions, mentionsFor } from '../../src/participation/negotiate/mentions'
import { approvalsFor, myApproval, parseQuorum, quorumReached } from '../../src/participation/negotiate/approvals'
import { sameCamera, shouldFollow, visiblePageBounds, GATHER_FRESH_MS } from '../../src/participation/negotiate/gatherView'
import { permissionNote } from '../../src/participation/negotiate/permissionNote'
import { parseTargetKey, targetKey } from '../../src/participation/negotiate/targets'
import { strings } from '../../src/i18n/strings'
import { ApiRequestError, type ApiErrorCode } from '../../src/net/api'
import { currentReopen } from '../../src/participation/negotiate/reopens'
import { PANEL_TABS, panelTabs, STAGE_TAB } from '../../src/participation/panelTabs'
import { participationErrorText, plainError } from '../../src/participation/participationErrors'
import type { Approval, Gather } from '../../src/shared/participation'

const single = { mode: 'single' as const, dotsPerPerson: 1, optionIds: ['a', 'b', 'c'] }
const dots = { mode: 'dots' as const, dotsPerPerson: 3, optionIds: ['a', 'b', 'c'] }

describe('a ballot being filled in', () => {
  it('single choice: picking another option replaces the pick', () => {
    let p: Points = choose('a')
    p = choose('b')
    expect(p).toEqual({ b: 1 })
    expect(ballotProblem(single, p)).toBeNull()
    expect(pointsRemaining(single, p)).toBe(0)
  })

  it('refuses an empty ballot and a single-choice ballot with two options', () => {
    expect(ballotProblem(single, {})).toBe('empty')
    expect(ballotProblem(dots, {})).toBe('empty')
    expect(ballotProblem(single, { a: 1, b: 1 })).toBe('oneChoice')
    expect(ballotProblem(single, { a: 2 })).toBe('oneChoice')
  })

  it('dots: counts the dots left and never goes over the budget', () => {
    let p: Points = {}
    p = addDot(dots, p, 'a')
    p = addDot(dots, p, 'a')
    expect(pointsRemaining(dots, p)).toBe(1)
    p = addDot(dots, p, 'b')
    expect(pointsRemaining(dots, p)).toBe(0)
    expect(addDot(dots, p, 'c')).toBe(p)
    expect(p).toEqual({ a: 2, b: 1 })
    expect(ballotProblem(dots, p)).toBeNull()
  })

  it('dots: removing a dot frees it, and an option at 0 drops out', () => {
    let p: Points = { a: 1, b: 2 }
    p = removeDot(p, 'a')
    expect(p).toEqual({ b: 2 })
    expect(removeDot(p, 'c')).toBe(p)
    expect(pointsRemaining(dots, p)).toBe(1)
  })

  it('refuses a ballot over budget or with an option not in the vote', () => {
    expect(ballotProblem(dots, { a: 2, b: 2 })).toBe('overBudget')
    expect(ballotProblem(dots, { z: 1 })).toBe('unknownOption')
    expect(addDot(dots, {}, 'z')).toEqual({})
  })
})

describe('role mentions in a comment', () => {
  it('finds @居委 and the other roles, once each, in role order', () => {
    expect(detectMentions('请 @居委 和 @专家 看一下，@居委会 也看看')).toEqual(['expert', 'committee'])
    expect(detectMentions('＠居民们 有意见吗')).toEqual(['resident'])
    expect(detectMentions('@组织者')).toEqual(['organizer'])
  })

  it('understands English role names, any case', () => {
    expect(detectMentions('ping @Committee and @experts')).toEqual(['expert', 'committee'])
    expect(detectMentions('@Organiser please')).toEqual(['organizer'])
  })

  it('ignores text without a mention and e-mail-like text', () => {
    expect(detectMentions('居委说可以')).toEqual([])
    expect(detectMentions('wang@example.com')).toEqual([])
    expect(detectMentions('li@expert.org')).toEqual([])
  })

  it('adds the picked role to the typed ones', () => {
    expect(mentionsFor('@居委 看看', 'expert')).toEqual(['expert', 'committee'])
    expect(mentionsFor('看看', null)).toEqual([])
    expect(mentionsFor('@居委', 'committee')).toEqual(['committee'])
  })
})

describe('the meeting countdown', () => {
  const timer = { endsAt: 1_000_000 + 5 * 60_000 }

  it('counts on the server clock: a phone whose clock is 10 minutes slow shows the same time', () => {
    const serverNow = 1_000_000
    const phoneNow = serverNow - 10 * 60_000
    const offset = serverNow - phoneNow
    expect(timerRemainingMs(timer, phoneNow, offset)).toBe(5 * 60_000)
    expect(timerRemainingMs(timer, phoneNow + 60_000, offset)).toBe(4 * 60_000)
    // Without the offset that phone would show 15 minutes.
    expect(timerRemainingMs(timer, phoneNow, 0)).toBe(15 * 60_000)
  })

  it('never goes below zero', () => {
    expect(timerRemainingMs(timer, 2_000_000, 0)).toBe(0)
  })

  it('shows minutes and seconds, rounding seconds up', () => {
    expect(formatCountdown(5 * 60_000)).toBe('5:00')
    expect(formatCountdown(5 * 60_000 - 1)).toBe('5:00')
    expect(formatCountdown(59_001)).toBe('1:00')
    expect(formatCountdown(9_000)).toBe('0:09')
    expect(formatCountdown(0)).toBe('0:00')
    expect(formatCountdown(3_723_000)).toBe('1:02:03')
  })

  it('reads the minutes the organizer typed', () => {
    expect(timerSeconds('5', 10_800)).toBe(300)
    expect(timerSeconds(' 1.5 ', 10_800)).toBe(90)
    expect(timerSeconds('0', 10_800)).toBeNull()
    expect(timerSeconds('-3', 10_800)).toBeNull()
    expect(timerSeconds('abc', 10_800)).toBeNull()
    expect(timerSeconds('181', 10_800)).toBeNull()
  })
})

describe('approvals and the quorum', () => {
  const approvals: Approval[] = [
    { optionId: 'a', participantId: 'p1', name: '王', at: 1 },
    { optionId: 'a', participantId: 'p2', name: '李', at: 2 },
    { optionId: 'b', participantId: 'p3', name: '张', at: 3 },
  ]

  it('counts per option and finds mine', () => {
    expect(approvalsFor(approvals, 'a').map((a) => a.name)).toEqual(['王', '李'])
    expect(myApproval(approvals, 'p3')?.optionId).toBe('b')
    expect(myApproval(approvals, 'p9')).toBeNull()
    expect(myApproval(approvals, null)).toBeNull()
  })

  it('is reached only once a quorum is set and met', () => {
    expect(quorumReached(2, null)).toBe(false)
    expect(quorumReached(1, 2)).toBe(false)
    expect(quorumReached(2, 2)).toBe(true)
  })

  it('reads the quorum typed by the organizer', () => {
    expect(parseQuorum('3', 100)).toBe(3)
    expect(parseQuorum('0', 100)).toBeNull()
    expect(parseQuorum('2.5', 100)).toBeNull()
    expect(parseQuorum('101', 100)).toBeNull()
    expect(parseQuorum('', 100)).toBeNull()
  })
})

describe('following the organizer', () => {
  const gather: Gather = { id: 'g1', byName: '组织者', viewport: { x: -100, y: -50, z: 2 }, at: 1_000_000 }

  it('follows each gather once', () => {
    expect(shouldFollow(gather, null, false, 2_000_000)).toBe(true)
    expect(shouldFollow(gather, 'g1', false, 2_000_000)).toBe(false)
    expect(shouldFollow(null, null, false, 0)).toBe(false)
  })

  it('on opening the page, follows only a gather made moments ago', () => {
    expect(shouldFollow(gather, null, true, gather.at + 5_000)).toBe(true)
    expect(shouldFollow(gather, null, true, gather.at + GATHER_FRESH_MS + 1)).toBe(false)
  })

  it("fits the organizer's whole view on another screen", () => {
    expect(visiblePageBounds(gather.viewport, { w: 1280, h: 800 })).toEqual({ x: 100, y: 50, w: 640, h: 400 })
    expect(sameCamera({ x: 1, y: 2, z: 1 }, { x: 1.2, y: 2, z: 1 })).toBe(true)
    expect(sameCamera({ x: 1, y: 2, z: 1 }, { x: 1, y: 2, z: 1.5 })).toBe(false)
  })
})

describe('why a control is not offered', () => {
  const t = strings['zh-CN']

  it('says nothing when the role may act now and has joined', () => {
    expect(permissionNote(t, 'zh-CN', 'resident', 'negotiate', 'vote', { participantId: 'p', recordsPerson: true })).toBeNull()
  })

  it('asks to join by name first for actions that record a person', () => {
    expect(permissionNote(t, 'zh-CN', 'resident', 'negotiate', 'vote', { participantId: null, recordsPerson: true })).toContain('名字')
  })

  it('names the stages in which the role may act', () => {
    const note = permissionNote(t, 'zh-CN', 'resident', 'needs', 'vote')
    expect(note).toContain('“收集需求”')
    expect(note).toContain('“多方共协商”')
    expect(permissionNote(strings.en, 'en', 'resident', 'needs', 'vote')).toContain('“Negotiate”')
  })

  it('says plainly when a role never may', () => {
    expect(permissionNote(t, 'zh-CN', 'organizer', 'negotiate', 'vote')).toBe('组织者不能投票。')
  })
})

describe('comment target keys', () => {
  it('round-trips shape ids that contain a colon', () => {
    const target = { kind: 'shape' as const, id: 'shape:abc' }
    expect(parseTargetKey(targetKey(target))).toEqual(target)
    expect(parseTargetKey('option:o1')).toEqual({ kind: 'option', id: 'o1' })
    expect(parseTargetKey('bad')).toBeNull()
    expect(parseTargetKey('frame:x')).toBeNull()
  })
})

describe('the reopen shown to everyone in Negotiate', () => {
  const agreement = (at: number) => ({ id: `a${at}`, optionId: 'o', approvals: [], quorum: 1, byName: '王老师', at, moveId: 'm' })
  const reopen = (at: number) => ({ id: `r${at}`, reason: `reason ${at}`, byName: '王老师', at, moveId: 'm' })

  it('is the last reopen, while no agreement came after it', () => {
    expect(currentReopen({ agreements: [], reopens: [] })).toBeNull()
    expect(currentReopen({ agreements: [agreement(1)], reopens: [reopen(2)] })?.reason).toBe('reason 2')
    expect(currentReopen({ agreements: [agreement(1), agreement(3)], reopens: [reopen(2)] })).toBeNull()
    expect(currentReopen({ agreements: [agreement(1), agreement(3)], reopens: [reopen(2), reopen(4)] })?.reason).toBe('reason 4')
  })
})

describe('which panel tabs a person sees', () => {
  it('shows a resident only what the stage asks of them; everyone else every tab', () => {
    expect(panelTabs('resident', 'needs')).toEqual(['needs'])
    expect(panelTabs('resident', 'negotiate')).toEqual(['options', 'comments', 'votes'])
    expect(panelTabs('resident', 'agreed')).toEqual(['agree', 'options'])
    expect(panelTabs('resident', 'implement')).toEqual(['tasks', 'options'])
    // The task list's tab from 方案定稿 on.
    expect(panelTabs('committee', 'needs')).toEqual(PANEL_TABS.filter((tab) => tab !== 'tasks'))
    expect(panelTabs('committee', 'agreed')).toEqual(PANEL_TABS)
    for (const stage of ['organize', 'needs', 'siteVisit', 'negotiate', 'agreed', 'implement'] as const) {
      expect(panelTabs('resident', stage)).toContain(STAGE_TAB[stage])
    }
  })

  it('adds the discussion when a comment marker asks for it, once', () => {
    expect(panelTabs('resident', 'needs', 'comments')).toEqual(['needs', 'comments'])
    expect(panelTabs('resident', 'negotiate', 'comments')).toEqual(['options', 'comments', 'votes'])
  })
})

describe('a refusal from the server, said plainly', () => {
  const zh = strings['zh-CN']
  const en = strings.en
  const refusal = (code: ApiErrorCode, status = 409) => new ApiRequestError(zh.errors.badRequest, status, { code, error: `server says ${code}` })

  it('gives Chinese readers a sentence for the code instead of "check what you entered"', () => {
    const err = plainError(refusal('already_voted'), zh, 'zh-CN')
    expect(err).toBeInstanceOf(ApiRequestError)
    expect((err as ApiRequestError).message).toBe(zh.participation.errors.already_voted)
    expect((err as ApiRequestError).code).toBe('already_voted')
    expect(participationErrorText('wrong_stage', zh, 'zh-CN')).toBe(zh.participation.errors.wrong_stage)
    expect(participationErrorText('vote_not_found', zh, 'zh-CN')).toBe(zh.participation.errors.not_found)
  })

  it('keeps the server\'s English sentence, except where it speaks to developers', () => {
    expect(participationErrorText('already_voted', en, 'en')).toBeNull()
    expect(participationErrorText('join_first', en, 'en')).toBe(en.participation.errors.join_first)
    expect(participationErrorText('join_first', en, 'en')).not.toMatch(/api|POST/i)
  })

  it('leaves unknown codes and other errors alone', () => {
    const unknown = refusal('invalid_points', 400)
    expect(plainError(unknown, zh, 'zh-CN')).toBe(unknown)
    const network = new Error('offline')
    expect(plainError(network, zh, 'zh-CN')).toBe(network)
  })
})
