/**
 * The browser checks every answer against the shape its route promises (src/app/api.ts
 * `requestJson`, guards in src/shared); an answer that fails is shown as a server error. So the
 * real server's answers, with every kind of record in them, must pass those checks.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isBoardInfo, isClientConfig, isUploadedAsset } from '../../src/shared/api.js'
import { isImportProjectResponse } from '../../src/shared/exportApi.js'
import type { Guard } from '../../src/shared/guards.js'
import { isClaimLinkResponse, isPeopleList } from '../../src/shared/identity.js'
import { isBallotResponse, isFacilitationState, isParticipationResponse, isParticipationState } from '../../src/shared/participation.js'
import {
  isAuditLog,
  isCreateLinkResponse,
  isCreateProjectResponse,
  isDashboard,
  isHistoryList,
  isJoinResponse,
  isLinkList,
  isMoveStageResponse,
  isProjectState,
  isRenamed,
  isRevokedLink,
} from '../../src/shared/projectApi.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { createBoardViaApi, IMAGES, request } from './httpTestKit.js'
import { addOption, openRoom, type Room } from './participationTestKit.js'
import { api, type ApiAnswer } from './workflowTestKit.js'

/** The answer succeeded and has the shape the browser checks it against. */
function expectShape<T>(guard: Guard<T>, answer: ApiAnswer): T {
  const body: unknown = answer.body
  expect(answer.status, JSON.stringify(body)).toBeLessThan(300)
  if (!guard(body)) throw new Error(`not the promised shape: ${JSON.stringify(body)}`)
  return body
}

describe('the server’s answers pass the browser’s checks', () => {
  let server: TestServer
  let room: Room

  beforeEach(async () => {
    server = await startTestServer()
    room = await openRoom(server)
  })

  afterEach(async () => {
    await server.stop()
  })

  it('boards, configuration and uploads', async () => {
    const board = await createBoardViaApi(server.url)
    expect(isBoardInfo(board)).toBe(true)
    expectShape(isBoardInfo, await api(server.url, 'GET', `/api/boards/${board.id}`))
    expectShape(isClientConfig, await api(server.url, 'GET', '/api/config'))
    const res = await request(server.url, `/api/boards/${board.id}/assets`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: IMAGES.png })
    expect(isUploadedAsset(res.json())).toBe(true)
  })

  it('projects, links, people and the organizer’s pages', async () => {
    const organizer = room.organizer
    expectShape(isCreateProjectResponse, await api(server.url, 'POST', '/api/projects', { body: { name: '花园', site: '3 号楼', area: '小区' } }))
    expectShape(isProjectState, await room.call(organizer, 'GET', ''))
    const link = expectShape(isCreateLinkResponse, await room.call(organizer, 'POST', '/links', { role: 'resident', label: '楼栋群', expiresInHours: 24 }))
    expectShape(isLinkList, await room.call(organizer, 'GET', '/links'))
    expectShape(isJoinResponse, await api(server.url, 'POST', `${room.base}/participants`, { token: link.token, body: { name: '李大爷', unit: '3-201' } }))
    expectShape(isRenamed, await room.call(room.resident, 'PATCH', '/participants/me', { name: '王阿姨', unit: '5-102' }))
    const deviceLink = expectShape(isClaimLinkResponse, await room.call(room.expert, 'POST', '/participants/me/device-link', {}))
    expectShape(isJoinResponse, await api(server.url, 'POST', `${room.base}/participants/claim`, { body: { code: deviceLink.code } }))
    expectShape(isClaimLinkResponse, await room.call(organizer, 'POST', `/participants/${room.resident.participantId}/confirm`, {}))
    expectShape(isPeopleList, await room.call(organizer, 'GET', '/people'))
    expectShape(isMoveStageResponse, await room.call(organizer, 'POST', '/stage', { from: 'organize', to: 'needs' }))
    expectShape(isDashboard, await room.call(organizer, 'GET', '/dashboard'))
    expectShape(isAuditLog, await room.call(organizer, 'GET', '/audit'))
    expectShape(isHistoryList, await room.call(organizer, 'GET', '/history'))
    expectShape(isRevokedLink, await room.call(organizer, 'DELETE', `/links/${link.linkId}`))
  })

  it('participation with every kind of record in it, and the meeting controls', async () => {
    const { organizer, expert, committee, resident } = room
    await room.moveTo('needs')
    const need = expectShape(isParticipationResponse, await room.call(resident, 'POST', '/needs', { x: 1, y: 2, categoryId: 'play', text: '沙坑' }))
    const needId = need.id!
    const other = expectShape(isParticipationResponse, await room.call(committee, 'POST', '/needs', { x: 3, y: 4, categoryId: 'play', text: '沙坑 2' }))
    expectShape(isParticipationResponse, await room.call(expert, 'POST', `/needs/${needId}/tick`))
    expectShape(isParticipationResponse, await room.call(organizer, 'POST', `/needs/${needId}/merge`, { needIds: [other.id] }))
    const thread = expectShape(isParticipationResponse, await room.call(resident, 'POST', '/comments', { target: { kind: 'need', id: needId }, text: '同意', mentions: ['expert'] }))
    expectShape(isParticipationResponse, await room.call(expert, 'POST', `/comments/${thread.id}/replies`, { text: '好' }))
    expectShape(isParticipationResponse, await room.call(organizer, 'PUT', `/comments/${thread.id}/resolved`, { resolved: true }))
    await room.moveTo('siteVisit')
    const a = await addOption(room, '方案 A', [needId])
    const b = await addOption(room, '方案 B')
    const revision = expectShape(isParticipationResponse, await room.call(resident, 'POST', `/options/${a}/revisions`, { text: '多些树荫' }))
    expectShape(isParticipationResponse, await room.call(expert, 'POST', `/revisions/${revision.id}/answers`, { text: '可以' }))
    expectShape(isParticipationResponse, await room.call(expert, 'PUT', `/revisions/${revision.id}/done`, { done: true }))
    await room.moveTo('negotiate')
    const named = expectShape(isParticipationResponse, await room.call(organizer, 'POST', '/votes', { optionIds: [a, b], mode: 'single' }))
    expectShape(isBallotResponse, await room.call(resident, 'POST', `/votes/${named.id}/ballot`, { optionId: a }))
    expectShape(isParticipationResponse, await room.call(organizer, 'POST', `/votes/${named.id}/close`))
    const dots = expectShape(isParticipationResponse, await room.call(organizer, 'POST', '/votes', { optionIds: [a, b], mode: 'dots', dotsPerPerson: 3, anonymous: true, resultsVisibility: 'afterClose' }))
    expectShape(isBallotResponse, await room.call(resident, 'POST', `/votes/${dots.id}/ballot`, { points: { [a]: 2, [b]: 1 } }))
    expectShape(isParticipationState, await room.call(resident, 'GET', '/participation'))
    expectShape(isFacilitationState, await room.call(organizer, 'POST', '/facilitation/gather', { viewport: { x: 1, y: 2, z: 1 } }))
    expectShape(isFacilitationState, await room.call(organizer, 'PUT', '/facilitation/timer', { seconds: 60, label: '讨论' }))
    expectShape(isFacilitationState, await room.call(organizer, 'PUT', '/facilitation/focus', { kind: 'option', id: a }))
    expectShape(isFacilitationState, await room.call(resident, 'GET', '/facilitation'))
    expectShape(isParticipationResponse, await room.call(organizer, 'POST', `/votes/${dots.id}/close`))
    expectShape(isParticipationResponse, await room.call(organizer, 'PUT', '/quorum', { approvals: 1 }))
    expectShape(isParticipationResponse, await room.call(committee, 'POST', '/approvals', { optionId: a }))
    expectShape(isParticipationResponse, await room.call(organizer, 'POST', '/agreement', { optionId: a }))
    expectShape(isParticipationResponse, await room.call(organizer, 'POST', '/agreement/reopen', { reason: '居民有新意见' }))
    // Everything at once, as each role sees it (anonymous ballots, named results, a reopened agreement).
    for (const who of [organizer, expert, committee, resident]) expectShape(isParticipationState, await room.call(who, 'GET', '/participation'))
    expectShape(isHistoryList, await room.call(organizer, 'GET', '/history'))
    expectShape(isAuditLog, await room.call(organizer, 'GET', '/audit'))
  })

  it('the import of an exported project', async () => {
    const archive = await fetch(`${server.url}${room.base}/export/archive`, { headers: { authorization: `Bearer ${room.organizer.token}` } })
    expect(archive.status).toBe(200)
    const bytes = new Uint8Array(await archive.arrayBuffer())
    const other = await startTestServer()
    try {
      const res = await fetch(`${other.url}/api/projects/import`, { method: 'POST', headers: { 'content-type': 'application/zip' }, body: bytes })
      expect(res.status).toBeLessThan(300)
      expect(isImportProjectResponse(await res.json())).toBe(true)
    } finally {
      await other.stop()
    }
  })
})
