import Database from 'better-sqlite3'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Vote } from '../../src/shared/participation.js'
import { DATABASE_FILE } from '../../server/storage/SqliteStorage.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { addOption, openRoom, otherDevice, type Room } from './participationTestKit.js'

describe('votes on the design options', () => {
  let server: TestServer
  let room: Room
  let a: string
  let b: string
  let c: string

  beforeEach(async () => {
    server = await startTestServer()
    room = await openRoom(server)
    await room.moveTo('siteVisit')
    a = await addOption(room, '方案 A')
    b = await addOption(room, '方案 B')
    c = await addOption(room, '方案 C')
    await room.moveTo('negotiate')
  })

  afterEach(async () => {
    await server.stop()
  })

  const open = async (body: Record<string, unknown>): Promise<string> => {
    const res = await room.call(room.organizer, 'POST', '/votes', { optionIds: [a, b, c], ...body })
    if (res.status !== 201) throw new Error(`open vote: ${res.status} ${JSON.stringify(res.body)}`)
    return res.body.id as string
  }
  const vote = async (voteId: string, who = room.organizer): Promise<Vote> => (await room.state(who)).votes.find((v) => v.id === voteId)!
  const points = (v: Vote) => v.results!.map((r) => r.points)

  it('counts one single-choice ballot per participant; a second ballot is refused and counts nothing', async () => {
    const voteId = await open({ mode: 'single' })
    const cast = await room.call(room.resident, 'POST', `/votes/${voteId}/ballot`, { optionId: b })
    expect(cast.status).toBe(201)
    expect(cast.body.ballot).toEqual({ [b]: 1 })

    const again = await room.call(room.resident, 'POST', `/votes/${voteId}/ballot`, { optionId: a })
    expect(again).toMatchObject({ status: 409, body: { code: 'already_voted', error: expect.any(String) } })
    // The same person on a second device is still the same voter.
    const tablet = await otherDevice(room, room.resident)
    expect(await room.call(tablet, 'POST', `/votes/${voteId}/ballot`, { optionId: a })).toMatchObject({ status: 409, body: { code: 'already_voted' } })
    expect(points(await vote(voteId))).toEqual([0, 1, 0])
    expect(await vote(voteId, room.resident)).toMatchObject({ ballots: 1, voted: true, myBallot: { [b]: 1 } })

    // A single-choice ballot names exactly one option of this vote.
    for (const [body, code] of [
      [{ points: { [a]: 1, [b]: 1 } }, 'invalid_ballot'],
      [{ points: { [a]: 0 } }, 'empty_ballot'],
      [{ optionId: 'not-an-option' }, 'invalid_option'],
      [{ points: { [a]: 1.5 } }, 'invalid_points'],
      [{}, 'invalid_ballot'],
    ] as const) {
      expect(await room.call(room.committee, 'POST', `/votes/${voteId}/ballot`, body)).toMatchObject({ status: 400, body: { code } })
    }
    expect(points(await vote(voteId))).toEqual([0, 1, 0])
  })

  it('respects the dot budget: over budget is refused and counts nothing', async () => {
    const voteId = await open({ mode: 'dots', dotsPerPerson: 3 })
    const over = await room.call(room.resident, 'POST', `/votes/${voteId}/ballot`, { points: { [a]: 2, [b]: 2 } })
    expect(over).toMatchObject({ status: 400, body: { code: 'over_budget', error: expect.stringMatching(/3/) } })
    expect(await vote(voteId)).toMatchObject({ ballots: 0 })
    expect(points(await vote(voteId))).toEqual([0, 0, 0])
    // Within the budget, and fewer dots than the budget, are both fine.
    expect((await room.call(room.resident, 'POST', `/votes/${voteId}/ballot`, { points: { [a]: 2, [c]: 1 } })).status).toBe(201)
    expect((await room.call(room.committee, 'POST', `/votes/${voteId}/ballot`, { points: { [a]: 1 } })).status).toBe(201)
    expect(points(await vote(voteId))).toEqual([3, 0, 1])
    const named = (await vote(voteId)).results![0].voters
    expect(named).toEqual([
      { participantId: room.resident.participantId, name: '王阿姨', role: 'resident', points: 2 },
      { participantId: room.committee.participantId, name: '刘主任', role: 'committee', points: 1 },
    ])
  })

  it('refuses a ballot in the wrong stage, by a role that may not vote, or without a name — counting nothing', async () => {
    const voteId = await open({ mode: 'single' })
    expect(await room.call(room.organizer, 'POST', `/votes/${voteId}/ballot`, { optionId: a }))
      .toMatchObject({ status: 403, body: { code: 'not_allowed', error: expect.any(String) } })
    expect(await room.call(room.resident.linkToken, 'POST', `/votes/${voteId}/ballot`, { optionId: a }))
      .toMatchObject({ status: 403, body: { code: 'join_first' } })
    await room.moveTo('siteVisit')
    expect(await room.call(room.resident, 'POST', `/votes/${voteId}/ballot`, { optionId: a }))
      .toMatchObject({ status: 403, body: { code: 'wrong_stage', error: expect.stringMatching(/Negotiate/) } })
    await room.moveTo('negotiate')
    expect(await vote(voteId)).toMatchObject({ ballots: 0, status: 'open' })
    expect(points(await vote(voteId))).toEqual([0, 0, 0])

    // Only the organizer runs votes, and a closed vote takes no ballots.
    expect(await room.call(room.expert, 'POST', '/votes', { optionIds: [a, b], mode: 'single' })).toMatchObject({ status: 403 })
    expect(await room.call(room.expert, 'POST', `/votes/${voteId}/close`)).toMatchObject({ status: 403 })
    expect((await room.call(room.organizer, 'POST', `/votes/${voteId}/close`)).status).toBe(200)
    expect(await room.call(room.organizer, 'POST', `/votes/${voteId}/close`)).toMatchObject({ status: 409, body: { code: 'vote_closed' } })
    expect(await room.call(room.resident, 'POST', `/votes/${voteId}/ballot`, { optionId: a })).toMatchObject({ status: 409, body: { code: 'vote_closed' } })
    expect(await room.call(room.organizer, 'POST', '/votes/AAAAAAAAAAAAAAAAAAAAAA/ballot', { optionId: a })).toMatchObject({ status: 403 })
    expect(await room.call(room.resident, 'POST', '/votes/AAAAAAAAAAAAAAAAAAAAAA/ballot', { optionId: a })).toMatchObject({ status: 404, body: { code: 'vote_not_found' } })
  })

  it('checks how a vote is opened', async () => {
    for (const [body, code] of [
      [{ optionIds: [a], mode: 'single' }, 'invalid_optionIds'],
      [{ optionIds: [a, a], mode: 'single' }, 'invalid_optionIds'],
      [{ optionIds: [a, 'AAAAAAAAAAAAAAAAAAAAAA'], mode: 'single' }, 'invalid_optionIds'],
      [{ optionIds: [a, b], mode: 'ranked' }, 'invalid_mode'],
      [{ optionIds: [a, b], mode: 'dots' }, 'invalid_dotsPerPerson'],
      [{ optionIds: [a, b], mode: 'dots', dotsPerPerson: 11 }, 'invalid_dotsPerPerson'],
      [{ optionIds: [a, b], mode: 'single', anonymous: 'yes' }, 'invalid_anonymous'],
      [{ optionIds: [a, b], mode: 'single', resultsVisibility: 'never' }, 'invalid_resultsVisibility'],
    ] as const) {
      expect(await room.call(room.organizer, 'POST', '/votes', body)).toMatchObject({ status: 400, body: { code } })
    }
    await open({ mode: 'single' })
    expect(await room.call(room.organizer, 'POST', '/votes', { optionIds: [a, b], mode: 'single' })).toMatchObject({ status: 409, body: { code: 'vote_already_open' } })
    await room.moveTo('siteVisit')
    expect(await room.call(room.organizer, 'POST', '/votes', { optionIds: [a, b], mode: 'single' })).toMatchObject({ status: 403, body: { code: 'wrong_stage' } })
  })

  it('never reveals who cast an anonymous ballot, and hides results until the vote closes when asked to', async () => {
    const voteId = await open({ mode: 'dots', dotsPerPerson: 2, anonymous: true, resultsVisibility: 'afterClose' })
    const cast = await room.call(room.resident, 'POST', `/votes/${voteId}/ballot`, { points: { [c]: 2 } })
    expect(cast).toMatchObject({ status: 201, body: { ballot: { [c]: 2 } } })
    expect((await room.call(room.committee, 'POST', `/votes/${voteId}/ballot`, { points: { [a]: 1, [c]: 1 } })).status).toBe(201)

    const mine = await vote(voteId, room.resident)
    expect(mine).toMatchObject({ anonymous: true, ballots: 2, voted: true, myBallot: null, results: null })
    expect(await vote(voteId, room.organizer)).toMatchObject({ results: null, voted: false })

    expect((await room.call(room.organizer, 'POST', `/votes/${voteId}/close`)).status).toBe(200)
    const closed = await vote(voteId, room.expert)
    expect(closed.results).toEqual([
      { optionId: a, points: 1, voters: null }, { optionId: b, points: 0, voters: null }, { optionId: c, points: 3, voters: null },
    ])
    // Nothing in any viewer's state ties a voter to this vote's choices…
    for (const who of [room.organizer, room.expert, room.committee, room.resident]) {
      const text = JSON.stringify((await room.state(who)).votes)
      for (const voter of [room.resident, room.committee]) {
        expect(text).not.toContain(voter.participantId)
        expect(text).not.toContain(voter.name)
      }
    }
    // …and not even the database does: it knows who voted, not what they chose.
    const db = new Database(path.join(server.dataDir, DATABASE_FILE), { readonly: true })
    try {
      const rows = db.prepare('SELECT participant_id, points FROM ballots WHERE vote_id = ?').all(voteId) as { participant_id: string; points: string | null }[]
      expect(rows.map((r) => r.points)).toEqual([null, null])
      expect(rows.map((r) => r.participant_id).sort()).toEqual([room.resident.participantId, room.committee.participantId].sort())
    } finally {
      db.close()
    }
  })

  it('counts ballots on the dashboard under the stage they were cast in', async () => {
    const voteId = await open({ mode: 'single' })
    await room.call(room.resident, 'POST', `/votes/${voteId}/ballot`, { optionId: a })
    await room.call(room.resident, 'POST', `/votes/${voteId}/ballot`, { optionId: a })
    const dashboard = await room.call(room.organizer, 'GET', '/dashboard')
    expect((dashboard.body.countsByStage as Record<string, unknown>).negotiate).toEqual({ needs: 0, comments: 0, votes: 1 })
  })
})
