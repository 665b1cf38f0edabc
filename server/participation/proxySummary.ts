/**
 * The part of every viewer's state that says which counts hold entries for residents (代录) and paper
 * ballots (ProxySummary, src/shared/proxyEntry.ts): the same for every viewer but `forMe`. Security: a ballot
 * entered for a resident in an anonymous vote is counted, never named; paper points are shown only
 * while the vote's results are.
 */
import type { PaperBatch, ProxyEntry, ProxySummary } from '../../src/shared/proxyEntry.js'
import type { NeedRecord } from './needStore.js'
import type { VoteRecord } from './voteStore.js'

export interface ProxyData {
  needs: NeedRecord[]
  ticks: { needId: string; participantId: string }[]
  votes: VoteRecord[]
  ballots: { voteId: string; participantId: string }[]
  proxyEntries: ProxyEntry[]
  paper: PaperBatch[]
}

/** Paper points per `${voteId} ${optionId}` of the batches that still count. */
export function paperPoints(paper: PaperBatch[]): Map<string, number> {
  const sums = new Map<string, number>()
  for (const b of paper) {
    if (b.removedAt !== null) continue
    for (const [optionId, n] of Object.entries(b.counts)) {
      const key = `${b.voteId} ${optionId}`
      sums.set(key, (sums.get(key) ?? 0) + n)
    }
  }
  return sums
}

/** `me`: the viewer's participant id (null: a bare link), for `forMe`. */
export function proxySummary(data: ProxyData, me: string | null): ProxySummary {
  const live = data.proxyEntries.filter((e) => e.removedAt === null)
  const liveNeeds = new Set(data.needs.map((n) => n.id))
  const tickKeys = new Set(data.ticks.map((t) => `${t.needId} ${t.participantId}`))
  const ballotKeys = new Set(data.ballots.map((b) => `${b.voteId} ${b.participantId}`))
  const needs = live.filter((e) => e.kind === 'need' && liveNeeds.has(e.targetId)).map((e) => ({ needId: e.targetId, byName: e.byName, byRole: e.byRole }))
  // A tick she later took back on her own phone is gone from need_ticks: it no longer counts as entered.
  const tickCounts = new Map<string, number>()
  for (const e of live) {
    // Only needs this viewer sees: a hidden or withheld need's id must not surface here either.
    if (e.kind === 'tick' && liveNeeds.has(e.targetId) && tickKeys.has(`${e.targetId} ${e.forId}`)) tickCounts.set(e.targetId, (tickCounts.get(e.targetId) ?? 0) + 1)
  }
  const ballots = data.votes.map((v) => {
    const entered = live.filter((e) => e.kind === 'ballot' && e.targetId === v.id && ballotKeys.has(`${v.id} ${e.forId}`))
    return {
      voteId: v.id, count: entered.length,
      byVoter: v.anonymous ? [] : entered.map((e) => ({ participantId: e.forId, byName: e.byName, byRole: e.byRole })),
    }
  }).filter((b) => b.count > 0)
  const sums = paperPoints(data.paper)
  const paper = data.votes.filter((v) => v.resultsVisibility === 'live' || v.closedAt !== null).flatMap((v) =>
    v.optionIds.map((optionId) => ({ voteId: v.id, optionId, points: sums.get(`${v.id} ${optionId}`) ?? 0 })).filter((p) => p.points > 0))
  // Her own entered ballots, anonymous votes included: who entered it says nothing of what it chose.
  const forMe = me === null ? [] : live.filter((e) => e.kind === 'ballot' && e.forId === me && ballotKeys.has(`${e.targetId} ${me}`))
    .map((e) => ({ voteId: e.targetId, byName: e.byName, byRole: e.byRole }))
  return { needs, ticks: [...tickCounts].map(([needId, count]) => ({ needId, count })), ballots, paper, forMe }
}
