/**
 * The browser's calls for entering for a resident (代录) and paper ballots (docs/api.md, "Entering
 * for a resident"). Each mutating call answers the caller's new ParticipationState.
 */
import { requestJson, type RequestOptions } from '../../net/api'
import { isPeopleList, type PeopleList } from '../../shared/identity'
import { isParticipationResponse, type ParticipationResponse } from '../../shared/participation'
import { isProxyRecord, type ProxyRecord } from '../../shared/proxyEntry'
import { isObject, isString, record } from '../../shared/guards'
import type { Caller } from '../participationClient'

const seg = encodeURIComponent
const path = (c: Caller, rest: string) => `/api/projects/${seg(c.projectId)}${rest}`

function send<T>(c: Caller, method: string, rest: string, body: unknown, guard: (v: unknown) => v is T, o: RequestOptions): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${c.token}` }
  const init: RequestInit = { method, headers }
  if (body !== undefined) {
    headers['content-type'] = 'application/json'
    init.body = JSON.stringify(body)
  }
  return requestJson(path(c, rest), init, guard, o)
}

type R = Promise<ParticipationResponse>
const change = (c: Caller, method: string, rest: string, body: unknown, o: RequestOptions): R => send(c, method, rest, body, isParticipationResponse, o)

const isAddedResident = (v: unknown): v is ParticipationResponse & { resident: { id: string; label: string } } =>
  isParticipationResponse(v) && isObject(v) && record({ id: isString, label: isString })(v.resident)

export const getProxyRecord = (c: Caller, o: RequestOptions): Promise<ProxyRecord> => send(c, 'GET', '/proxy', undefined, isProxyRecord, o)
export const getResidents = (c: Caller, o: RequestOptions): Promise<PeopleList> => send(c, 'GET', '/people', undefined, isPeopleList, o)
export const addResident = (c: Caller, name: string, unit: string, o: RequestOptions) => send(c, 'POST', '/proxy/residents', { name, unit }, isAddedResident, o)
export const needFor = (c: Caller, b: { residentId: string; categoryId: string; text: string; x: number; y: number }, o: RequestOptions): R =>
  change(c, 'POST', '/proxy/needs', b, o)
export const tickFor = (c: Caller, needId: string, residentId: string, o: RequestOptions): R => change(c, 'POST', `/proxy/needs/${seg(needId)}/tick`, { residentId }, o)
export const untickFor = (c: Caller, needId: string, residentId: string, o: RequestOptions): R => change(c, 'DELETE', `/proxy/needs/${seg(needId)}/tick`, { residentId }, o)
export const ballotFor = (c: Caller, voteId: string, residentId: string, points: Record<string, number>, o: RequestOptions): R =>
  change(c, 'POST', `/proxy/votes/${seg(voteId)}/ballots`, { residentId, points }, o)
export const addPaper = (c: Caller, voteId: string, counts: Record<string, number>, source: string, o: RequestOptions): R =>
  change(c, 'POST', `/proxy/votes/${seg(voteId)}/paper`, { counts, source }, o)
export const correctPaper = (c: Caller, voteId: string, batchId: string, counts: Record<string, number>, source: string, o: RequestOptions): R =>
  change(c, 'PUT', `/proxy/votes/${seg(voteId)}/paper/${seg(batchId)}`, { counts, source }, o)
export const removePaper = (c: Caller, voteId: string, batchId: string, o: RequestOptions): R => change(c, 'DELETE', `/proxy/votes/${seg(voteId)}/paper/${seg(batchId)}`, undefined, o)
export const resolveClash = (c: Caller, clashId: string, keep: 'committee' | 'own', o: RequestOptions): R => change(c, 'POST', `/proxy/clashes/${seg(clashId)}`, { keep }, o)
