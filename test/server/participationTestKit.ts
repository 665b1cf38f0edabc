/**
 * Shared pieces of the participation tests: a project with one joined person per role (each with
 * a personal token), stage moves by name, and typed reads of the participation state.
 */
import type { ParticipationState } from '../../src/shared/participation.js'
import type { Role } from '../../src/shared/workflow.js'
import type { TestServer } from '../helpers/startTestServer.js'
import { api, createLink, createProject, moveStage, type ApiAnswer, type TestProject } from './workflowTestKit.js'

export interface Person {
  name: string
  role: Role
  participantId: string
  /** The personal token (from the join). */
  token: string
  /** The role link's own token (a bare link token: no participant). */
  linkToken: string
}

export interface Room {
  server: TestServer
  project: TestProject
  base: string
  organizer: Person
  expert: Person
  committee: Person
  resident: Person
  /** Join another person through an existing link. */
  join(linkToken: string, name: string, role: Role): Promise<Person>
  call(who: Person | string, method: string, path: string, body?: unknown): Promise<ApiAnswer>
  state(who: Person | string): Promise<ParticipationState>
  /** Move the project, one stage at a time, from its current stage to `to`. */
  moveTo(to: 'organize' | 'needs' | 'siteVisit' | 'negotiate' | 'agreed' | 'implement'): Promise<void>
}

const ORDER = ['organize', 'needs', 'siteVisit', 'negotiate', 'agreed', 'implement'] as const

export async function openRoom(server: TestServer): Promise<Room> {
  const project = await createProject(server.url)
  const base = `/api/projects/${project.projectId}`
  let stage: (typeof ORDER)[number] = 'organize'
  const join = async (linkToken: string, name: string, role: Role): Promise<Person> => {
    const res = await api(server.url, 'POST', `${base}/participants`, { token: linkToken, body: { name } })
    if (res.status !== 201 && res.status !== 200) throw new Error(`join: ${res.status} ${JSON.stringify(res.body)}`)
    return { name, role, participantId: (res.body.participant as { id: string }).id, token: res.body.token as string, linkToken }
  }
  const linkFor = async (role: Role) => role === 'organizer' ? project.organizerToken : (await createLink(server.url, project, role)).token
  const room: Room = {
    server, project, base,
    organizer: await join(await linkFor('organizer'), '王老师', 'organizer'),
    expert: await join(await linkFor('expert'), '陈设计师', 'expert'),
    committee: await join(await linkFor('committee'), '刘主任', 'committee'),
    resident: await join(await linkFor('resident'), '王阿姨', 'resident'),
    join,
    call: (who, method, path, body) => api(server.url, method, base + path, { token: typeof who === 'string' ? who : who.token, body }),
    async state(who) {
      const res = await room.call(who, 'GET', '/participation')
      if (res.status !== 200) throw new Error(`participation: ${res.status} ${JSON.stringify(res.body)}`)
      return res.body as unknown as ParticipationState
    },
    async moveTo(to) {
      while (stage !== to) {
        const next = ORDER[ORDER.indexOf(stage) + (ORDER.indexOf(to) > ORDER.indexOf(stage) ? 1 : -1)]
        const res = await moveStage(server.url, project, stage, next)
        if (res.status !== 200) throw new Error(`move ${stage} → ${next}: ${res.status} ${JSON.stringify(res.body)}`)
        stage = next
      }
    },
  }
  return room
}

/**
 * The same person on another device: "add my other device" on the first one makes a one-time
 * personal link, the second device opens it and gets its own personal token for the same participant.
 */
export async function otherDevice(room: Room, who: Person): Promise<Person> {
  const made = await room.call(who, 'POST', '/participants/me/device-link', {})
  if (made.status !== 201) throw new Error(`device link: ${made.status} ${JSON.stringify(made.body)}`)
  const claimed = await api(room.server.url, 'POST', `${room.base}/participants/claim`, { body: { code: made.body.code } })
  if (claimed.status !== 200) throw new Error(`claim: ${claimed.status} ${JSON.stringify(claimed.body)}`)
  return { ...who, token: claimed.body.token as string }
}

/** Add a need as `who` (201 expected) and return its id. */
export async function addNeed(room: Room, who: Person, text: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await room.call(who, 'POST', '/needs', { x: 100, y: 200, categoryId: 'seating', text, ...extra })
  if (res.status !== 201) throw new Error(`add need: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.id as string
}

export async function addOption(room: Room, title: string, needIds: string[] = []): Promise<string> {
  const res = await room.call(room.expert, 'POST', '/options', { title, description: '说明', addressedNeedIds: needIds })
  if (res.status !== 201) throw new Error(`add option: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.id as string
}
