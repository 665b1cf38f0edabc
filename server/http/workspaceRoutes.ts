/**
 * The workspace API (docs/api.md, "Workspaces"; shapes in src/shared/workspaceApi.ts):
 * - POST   /api/workspaces                                  make one; answers both links, once
 * - GET    /api/workspaces/:id                              which workspace, which link (manager / board)
 * - PATCH  /api/workspaces/:id                              name, overdue threshold (manager)
 * - POST   /api/workspaces/:id/board-link                   a new task force link, old ones withdrawn (manager)
 * - GET    /api/workspaces/:id/overview                     every project's summary
 * - GET    /api/workspaces/:id/weekly?since=<ms>            what changed since
 * - GET    /api/workspaces/:id/export/<overview|weekly|lists>.csv
 * - POST   /api/workspaces/:id/projects                     a new project inside (manager)
 * - POST   /api/workspaces/:id/attach                       attach a project: manager + its organizer token
 * - GET    /api/workspaces/:id/lists                        the needs and resources lists, with matches
 * - POST   /api/workspaces/:id/lists, PATCH|DELETE …/:entryId   keep the lists (manager)
 * - POST   /api/workspaces/:id/matches                      match a need to a resource: manager + organizer token
 * and on the project side, with the project's organizer link:
 * - GET    /api/projects/:id/workspace                      its workspace, resources, needs and matches
 * - GET    /api/projects/:id/matched-resources              any link of the project: the resources met needs it sees have
 * - DELETE /api/projects/:id/workspace                      detach
 * - POST   /api/projects/:id/needs/:needId/resources, DELETE …/resources/:resourceId
 *
 * Security decisions: a workspace link is `Authorization: Bearer <token>` and grants nothing inside a
 * project: the overview is counts per project, never a name or a need's words (a matched need's
 * words, which its organizer chose to publish, are the one exception). Whoever has no link of this
 * workspace learns nothing: no token is 401, an unknown token 401 invalid_token (counted by the
 * wrong-token limit like every other), a token of another workspace 404 — the same 404 whether the
 * id exists or not. Joining a project and a workspace (attach, match) needs both sides' rights.
 */
import type { IncomingMessage } from 'node:http'
import { DEFAULT_EXPORT_LANG, EXPORT_LANGS, type ExportLang } from '../../src/shared/exportApi.js'
import { personLabel } from '../../src/shared/identity.js'
import { literal } from '../../src/shared/guards.js'
import {
  isListSide, isResourceKind, LIST_ENTRIES_MAX, LIST_NAME_MAX, LIST_SHORT_MAX, LIST_TEXT_MAX, OVERDUE_DAYS_MAX, WORKSPACE_NAME_MAX,
  type BoardLinkResponse, type CreateWorkspaceResponse, type ListEntry, type WorkspaceInfo, type WorkspaceLists,
  type WorkspaceOverview, type WorkspaceRole, type WorkspaceState, type WeeklyChanges,
} from '../../src/shared/workspaceApi.js'
import type { Config } from '../config.js'
import { DEFAULT_TIME_ZONE, validTimeZone } from '../export/exportTime.js'
import { callerOf, viewerOf } from '../participation/caller.js'
import type { Participation } from '../participation/Participation.js'
import { inPeriod } from '../participation/privateStore.js'
import type { Storage } from '../storage/Storage.js'
import { newId, type Access, type Workflow } from '../workflow/Workflow.js'
import { listsCsv, overviewCsv, weeklyCsv, WORKSPACE_CSV_KINDS, type WorkspaceCsvKind } from '../workspace/workspaceCsv.js'
import { workspaceLink, type Workspaces } from '../workspace/Workspaces.js'
import type { EntryFields } from '../workspace/WorkspaceStore.js'
import { attachment } from './exportRoutes.js'
import { HttpError } from './HttpError.js'
import { authenticate, authenticateToken, authorizeOrganizer, bearerToken, jsonObject, text, type Body } from './projectRequest.js'
import { makeProject } from './projectRoutes.js'
import { sendJson } from './respond.js'
import type { Handler, Route } from './router.js'
import { API_CSP } from './securityHeaders.js'

export interface WorkspaceRouteDeps {
  config: Config
  storage: Storage
  workflow: Workflow
  participation: Participation
  workspaces: Workspaces
}

const ID = /^[A-Za-z0-9_-]{16,64}$/
const WEEK_MS = 7 * 86_400_000
/** The oldest `since` the weekly view takes: far enough for any check-in, not a scan of all time by accident. */
const SINCE_MIN = Date.UTC(2020, 0, 1)
const isExportLang = literal(EXPORT_LANGS)

function notFound(): HttpError {
  return new HttpError(404, 'workspace_not_found', 'There is no workspace with this id for this link; check the link you were given.')
}

function resourceNotFound(): HttpError {
  return new HttpError(404, 'resource_not_found', 'The workspace has no resource with this id (or it was removed); reload the list.')
}

export function workspaceRoutes(deps: WorkspaceRouteDeps): Route[] {
  const { workflow, workspaces } = deps
  const store = workspaces.store

  const access = (req: IncomingMessage, id: string, need: WorkspaceRole | 'any'): { workspace: WorkspaceInfo; role: WorkspaceRole } => {
    if (!ID.test(id)) throw notFound()
    const found = workspaces.authenticate(id, bearerToken(req))
    if (!found.ok) {
      if (found.why === 'no_token') {
        throw new HttpError(401, 'unauthorized', 'A workspace is opened with its link; send its token as "Authorization: Bearer <token>".', { 'WWW-Authenticate': 'Bearer' })
      }
      if (found.why === 'invalid_token') {
        throw new HttpError(401, 'invalid_token', 'This link is not valid; ask whoever made the workspace for its link.', { 'WWW-Authenticate': 'Bearer' })
      }
      if (found.why === 'revoked') {
        throw new HttpError(403, 'link_revoked', 'This task force link has been replaced by a new one; ask the workspace’s manager for it.')
      }
      throw notFound()
    }
    if (need === 'manager' && found.role !== 'manager') {
      throw new HttpError(403, 'not_allowed', 'Only the workspace’s manager link can do this; the task force link only reads.')
    }
    return found
  }

  /** The organizer of `projectId`, proven by `token` (its organizer link or an organizer's personal token). */
  const organizerOf = (projectId: unknown, token: unknown): Access => {
    if (typeof projectId !== 'string' || !ID.test(projectId)) throw new HttpError(400, 'invalid_projectId', '"projectId" must be the id of a project (from its link).')
    if (typeof token !== 'string' || token === '') throw new HttpError(400, 'invalid_organizerToken', '"organizerToken" must be the token of the project’s organizer link.')
    const found = authenticateToken(workflow, projectId, token)
    if (found.link.role !== 'organizer') throw new HttpError(403, 'not_allowed', 'Only the project’s organizer link can do this; the token sent is of another role.')
    return found
  }

  const byName = (a: Access): string => (a.participant ? personLabel(a.participant) : '') || a.link.label || 'organizer'

  const createWorkspace: Handler = async ({ req, res }) => {
    const body = await jsonObject(req)
    const name = text(body, 'name', WORKSPACE_NAME_MAX, true)
    const { workspace, managerToken, boardToken } = workspaces.create(name)
    const answer: CreateWorkspaceResponse = {
      workspaceId: workspace.id, managerToken, managerLink: workspaceLink(workspace.id, managerToken),
      boardToken, boardLink: workspaceLink(workspace.id, boardToken),
    }
    sendJson(res, 201, answer, { Location: `/api/workspaces/${workspace.id}` })
  }

  const getWorkspace: Handler = ({ req, res, params }) => {
    const { workspace, role } = access(req, params.id, 'any')
    const answer: WorkspaceState = { workspace, role }
    sendJson(res, 200, answer)
  }

  const updateWorkspace: Handler = async ({ req, res, params }) => {
    const { workspace } = access(req, params.id, 'manager')
    const body = await jsonObject(req)
    const name = body.name === undefined ? workspace.name : text(body, 'name', WORKSPACE_NAME_MAX, true)
    let overdueDays = workspace.overdueDays
    if (body.overdueDays !== undefined) {
      const d = body.overdueDays
      if (typeof d !== 'number' || !Number.isInteger(d) || d < 1 || d > OVERDUE_DAYS_MAX) {
        throw new HttpError(400, 'invalid_overdueDays', `"overdueDays" must be a whole number of days from 1 to ${OVERDUE_DAYS_MAX}.`)
      }
      overdueDays = d
    }
    store.update(workspace.id, name, overdueDays)
    const answer: WorkspaceState = { workspace: { ...workspace, name, overdueDays }, role: 'manager' }
    sendJson(res, 200, answer)
  }

  const renewBoardLink: Handler = ({ req, res, params }) => {
    const { workspace } = access(req, params.id, 'manager')
    const token = workspaces.renewBoardLink(workspace.id)
    const answer: BoardLinkResponse = { boardToken: token, boardLink: workspaceLink(workspace.id, token) }
    sendJson(res, 201, answer)
  }

  const overview: Handler = ({ req, res, params }) => {
    const { workspace } = access(req, params.id, 'any')
    const answer: WorkspaceOverview = { workspace, projects: workspaces.overview.summaries(workspace), at: Date.now() }
    sendJson(res, 200, answer)
  }

  const weeklyOf = (req: IncomingMessage, workspace: WorkspaceInfo): WeeklyChanges => {
    const now = Date.now()
    const raw = queryOf(req).get('since')
    let since = now - WEEK_MS
    if (raw !== null && raw !== '') {
      since = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN
      if (!Number.isFinite(since) || since < SINCE_MIN || since > now) {
        throw new HttpError(400, 'invalid_since', '"since" must be a time in milliseconds since 1970 (UTC), not in the future and not before 2020, or left out for the last 7 days.')
      }
    }
    const summaries = workspaces.overview.summaries(workspace, now)
    return { since, at: now, projects: workspaces.weekly.since(workspace.id, summaries, since) }
  }

  const weekly: Handler = ({ req, res, params }) => {
    const { workspace } = access(req, params.id, 'any')
    sendJson(res, 200, weeklyOf(req, workspace))
  }

  const listsOf = (workspaceId: string): WorkspaceLists => ({ entries: store.entries(workspaceId), matches: store.matches(workspaceId) })

  const csv = (kind: WorkspaceCsvKind): Handler => ({ req, res, params }) => {
    const { workspace } = access(req, params.id, 'any')
    const query = queryOf(req)
    const lang = readLang(query.get('lang'))
    const timeZone = readTimeZone(query.get('tz'))
    const body = kind === 'overview' ? overviewCsv(workspaces.overview.summaries(workspace), lang, timeZone)
      : kind === 'weekly' ? weeklyCsv(weeklyOf(req, workspace).projects, lang, timeZone)
        : listsCsv(listsOf(workspace.id), lang, timeZone)
    const bytes = Buffer.from(body, 'utf8')
    res.writeHead(200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Length': String(bytes.length),
      'Content-Disposition': attachment(workspace.name, `${kind}.csv`),
      'Cache-Control': 'no-store',
      'Content-Security-Policy': API_CSP,
    })
    res.end(bytes)
  }

  const createProject: Handler = async ({ req, res, params }) => {
    const { workspace } = access(req, params.id, 'manager')
    const answer = await makeProject(deps, await jsonObject(req))
    store.attach(answer.projectId, workspace.id, Date.now(), 'created')
    sendJson(res, 201, answer, { Location: `/api/projects/${answer.projectId}` })
  }

  const attach: Handler = async ({ req, res, params }) => {
    const { workspace } = access(req, params.id, 'manager')
    const body = await jsonObject(req)
    const { project } = organizerOf(body.projectId, body.organizerToken)
    const current = store.workspaceOf(project.id)
    if (current === workspace.id) return sendJson(res, 200, { projectId: project.id, attached: true })
    if (current !== undefined || !store.attach(project.id, workspace.id, Date.now(), 'attached')) {
      throw new HttpError(409, 'in_another_workspace', 'This project already belongs to another workspace; its organizer must detach it there first.')
    }
    sendJson(res, 201, { projectId: project.id, attached: true })
  }

  const getLists: Handler = ({ req, res, params }) => {
    const { workspace } = access(req, params.id, 'any')
    sendJson(res, 200, listsOf(workspace.id))
  }

  const entryFields = (body: Body, side: ListEntry['side']): Omit<EntryFields, 'side'> => {
    let kind: ListEntry['kind'] = null
    if (side === 'resource') {
      if (!isResourceKind(body.kind)) {
        throw new HttpError(400, 'invalid_kind', '"kind" of a resource must be "funds", "space", "organisation", "volunteers" or "other".')
      }
      kind = body.kind
    } else if (body.kind !== undefined && body.kind !== null) {
      throw new HttpError(400, 'invalid_kind', 'A need of the list has no "kind"; leave it out.')
    }
    return {
      kind,
      name: text(body, 'name', LIST_NAME_MAX, true),
      description: text(body, 'description', LIST_TEXT_MAX, false, true),
      amount: text(body, 'amount', LIST_SHORT_MAX, false),
      contact: text(body, 'contact', LIST_SHORT_MAX, false),
      community: text(body, 'community', LIST_SHORT_MAX, false),
    }
  }

  const addEntry: Handler = async ({ req, res, params }) => {
    const { workspace } = access(req, params.id, 'manager')
    const body = await jsonObject(req)
    if (!isListSide(body.side)) throw new HttpError(400, 'invalid_side', '"side" must be "need" (a community need) or "resource" (a resource on offer).')
    const fields: EntryFields = { side: body.side, ...entryFields(body, body.side) }
    const id = newId()
    if (!store.addEntry(workspace.id, id, fields, Date.now(), LIST_ENTRIES_MAX)) {
      throw new HttpError(409, 'list_full', `The lists hold at most ${LIST_ENTRIES_MAX} entries; remove ones that are done.`)
    }
    sendJson(res, 201, store.entry(workspace.id, id))
  }

  const updateEntry: Handler = async ({ req, res, params }) => {
    const { workspace } = access(req, params.id, 'manager')
    const entry = store.entry(workspace.id, params.entryId)
    if (!entry) throw resourceNotFound()
    const body = await jsonObject(req)
    // Whole entry each time, like the form that sends it: a field left out is emptied.
    if (!store.updateEntry(workspace.id, entry.id, entryFields(body, entry.side), Date.now())) throw resourceNotFound()
    sendJson(res, 200, store.entry(workspace.id, entry.id))
  }

  const removeEntry: Handler = ({ req, res, params }) => {
    const { workspace } = access(req, params.id, 'manager')
    // Kept with the time it was removed (nothing is lost); its matches stop counting.
    if (!store.removeEntry(workspace.id, params.entryId, Date.now())) throw resourceNotFound()
    sendJson(res, 200, { id: params.entryId, removed: true })
  }

  /** Match a need of `organizer`'s project to a resource of the project's own workspace. */
  const matchNeed = (organizer: Access, needId: unknown, resourceId: unknown, workspaceId?: string): void => {
    const projectId = organizer.project.id
    const inWorkspace = store.workspaceOf(projectId)
    if (inWorkspace === undefined || (workspaceId !== undefined && inWorkspace !== workspaceId)) {
      throw new HttpError(409, 'not_in_workspace', 'This project is not in this workspace; attach it first.')
    }
    if (typeof needId !== 'string' || !ID.test(needId)) throw new HttpError(400, 'invalid_needId', '"needId" must be the id of a need of the project.')
    const need = deps.participation.needs.get(projectId, needId)
    // Security: a hidden need's words must not reach the workspace's lists through a match.
    if (!need || deps.participation.moderation.isHidden(projectId, { kind: 'need', id: need.id })) {
      throw new HttpError(404, 'need_not_found', 'This project has no need with this id (or it was deleted or hidden).')
    }
    if (need.mergedInto !== null) throw new HttpError(409, 'need_merged', 'This need was merged into another; match that one.')
    // Security: a need of a running private period (各自先想) is not the organizer's to publish: a
    // match puts its words on the workspace's lists before everyone has been shown them.
    if (inPeriod(deps.participation.privates.running(projectId), 'needs', need.createdAt)) {
      throw new HttpError(409, 'private_period', 'Everyone is thinking on their own now (private mode); match this need once the organizer shows everyone’s needs.')
    }
    if (typeof resourceId !== 'string' || !ID.test(resourceId)) throw new HttpError(400, 'invalid_resourceId', '"resourceId" must be the id of a resource of the workspace’s list.')
    const resource = store.entry(inWorkspace, resourceId)
    // Security: a resource of another workspace reads as none at all.
    if (!resource || resource.side !== 'resource') throw resourceNotFound()
    store.match(need.id, resource.id, projectId, byName(organizer), Date.now())
  }

  const matchFromWorkspace: Handler = async ({ req, res, params }) => {
    const { workspace } = access(req, params.id, 'manager')
    const body = await jsonObject(req)
    const organizer = organizerOf(body.projectId, body.organizerToken)
    matchNeed(organizer, body.needId, body.resourceId, workspace.id)
    sendJson(res, 201, listsOf(workspace.id))
  }

  /** The live needs `access` sees on the board (its own view: moderation, private periods), not hidden. */
  const seenNeeds = (access: Access) => {
    const c = callerOf(access)
    return deps.participation.stateFor(c.project.id, viewerOf(c)).needs.filter((n) => n.mergedInto === null && !n.hidden)
  }

  const projectWorkspace: Handler = ({ req, res, params }) => {
    const organizer = authorizeOrganizer(req, workflow, params.id)
    const { project } = organizer
    const id = store.workspaceOf(project.id)
    const workspace = id === undefined ? undefined : store.get(id)
    if (!workspace) return sendJson(res, 200, { workspace: null, resources: [], needs: [], matches: [] })
    // Security: what the organizer's own board shows, less a running period's needs (not matchable).
    const period = deps.participation.privates.running(project.id)
    const needs = seenNeeds(organizer).filter((n) => !inPeriod(period, 'needs', n.createdAt))
    const matches = store.matches(workspace.id).filter((m) => m.projectId === project.id)
    sendJson(res, 200, {
      workspace: { id: workspace.id, name: workspace.name },
      resources: store.entries(workspace.id).filter((e) => e.side === 'resource'),
      needs: needs.map((n) => ({ id: n.id, text: n.text })),
      matches: matches.map((m) => ({ needId: m.needId, resourceId: m.resourceId })),
    })
  }

  /**
   * The resources matched to the needs the caller sees, for every link of the project (residents
   * too: "已对接：某基金会 · 资金" is news for them). The resource's name and kind only: its
   * contact, amount and description stay on the workspace's lists.
   */
  const matchedResources: Handler = ({ req, res, params }) => {
    const access = authenticate(req, workflow, params.id)
    const id = store.workspaceOf(access.project.id)
    const workspace = id === undefined ? undefined : store.get(id)
    if (!workspace) return sendJson(res, 200, { workspace: null, matches: [] })
    const seen = new Set(seenNeeds(access).map((n) => n.id))
    const matches = store.needResources(access.project.id).filter((m) => seen.has(m.needId))
    sendJson(res, 200, { workspace: { name: workspace.name }, matches })
  }

  const detach: Handler = ({ req, res, params }) => {
    const { project } = authorizeOrganizer(req, workflow, params.id)
    if (!store.detach(project.id)) throw new HttpError(409, 'not_in_workspace', 'This project is not in any workspace.')
    sendJson(res, 200, { projectId: project.id, detached: true })
  }

  const matchFromProject: Handler = async ({ req, res, params }) => {
    const organizer = authorizeOrganizer(req, workflow, params.id)
    const body = await jsonObject(req)
    matchNeed(organizer, params.needId, body.resourceId)
    sendJson(res, 201, { needId: params.needId, resourceId: body.resourceId, matched: true })
  }

  const unmatchFromProject: Handler = ({ req, res, params }) => {
    const { project } = authorizeOrganizer(req, workflow, params.id)
    if (!store.unmatch(params.needId, params.resourceId, project.id)) throw resourceNotFound()
    sendJson(res, 200, { needId: params.needId, resourceId: params.resourceId, matched: false })
  }

  return [
    { pattern: '/api/workspaces', methods: { POST: createWorkspace } },
    { pattern: '/api/workspaces/:id', methods: { GET: getWorkspace, PATCH: updateWorkspace } },
    { pattern: '/api/workspaces/:id/board-link', methods: { POST: renewBoardLink } },
    { pattern: '/api/workspaces/:id/overview', methods: { GET: overview } },
    { pattern: '/api/workspaces/:id/weekly', methods: { GET: weekly } },
    ...WORKSPACE_CSV_KINDS.map((kind): Route => ({ pattern: `/api/workspaces/:id/export/${kind}.csv`, methods: { GET: csv(kind) } })),
    { pattern: '/api/workspaces/:id/projects', methods: { POST: createProject } },
    { pattern: '/api/workspaces/:id/attach', methods: { POST: attach } },
    { pattern: '/api/workspaces/:id/lists', methods: { GET: getLists, POST: addEntry } },
    { pattern: '/api/workspaces/:id/lists/:entryId', methods: { PATCH: updateEntry, DELETE: removeEntry } },
    { pattern: '/api/workspaces/:id/matches', methods: { POST: matchFromWorkspace } },
    { pattern: '/api/projects/:id/workspace', methods: { GET: projectWorkspace, DELETE: detach } },
    { pattern: '/api/projects/:id/matched-resources', methods: { GET: matchedResources } },
    { pattern: '/api/projects/:id/needs/:needId/resources', methods: { POST: matchFromProject } },
    { pattern: '/api/projects/:id/needs/:needId/resources/:resourceId', methods: { DELETE: unmatchFromProject } },
  ]
}

function queryOf(req: IncomingMessage): URLSearchParams {
  return new URLSearchParams((req.url ?? '').split('#', 1)[0].split('?')[1] ?? '')
}

function readLang(value: string | null): ExportLang {
  if (value === null || value === '') return DEFAULT_EXPORT_LANG
  if (isExportLang(value)) return value
  throw new HttpError(400, 'invalid_lang', `"lang" must be one of ${EXPORT_LANGS.join(', ')}.`)
}

function readTimeZone(value: string | null): string {
  if (value === null || value === '') return DEFAULT_TIME_ZONE
  const zone = validTimeZone(value)
  if (!zone) throw new HttpError(400, 'invalid_timeZone', 'The time zone must be an IANA name such as "Asia/Shanghai", or left out.')
  return zone
}
