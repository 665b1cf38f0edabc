/**
 * Shapes of the JSON the workspace API exchanges (docs/api.md, "Workspaces"): a town's or street
 * office's overview above its projects (镇/街道工作区), the weekly check-in (每周对接) and the needs and
 * resources lists (需求及资源清单). The server builds them, the browser reads them.
 *
 * A workspace has two kinds of link: the manager link (`manager`: create and attach projects, keep
 * the lists, set the overdue threshold) and the task force's read-only link (`board`, 看板链接). Both
 * are `Authorization: Bearer <token>`; neither grants anything inside a project (docs/permissions.md).
 */
import { arrayOf, isNumber, isString, literal, nullable, record, type Guard } from './guards.js'
import { ROLES, STAGES, type Role, type Stage } from './workflow.js'

export const WORKSPACE_ROLES = ['manager', 'board'] as const
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number]
export const isWorkspaceRole = literal(WORKSPACE_ROLES)

/** What a list entry is: a need of a community, or a resource on offer. */
export const LIST_SIDES = ['need', 'resource'] as const
export type ListSide = (typeof LIST_SIDES)[number]
export const isListSide = literal(LIST_SIDES)

/** 资金 / 场地 / 组织 / 志愿者 / 其他. */
export const RESOURCE_KINDS = ['funds', 'space', 'organisation', 'volunteers', 'other'] as const
export type ResourceKind = (typeof RESOURCE_KINDS)[number]
export const isResourceKind = literal(RESOURCE_KINDS)

export const WORKSPACE_NAME_MAX = 120
export const LIST_NAME_MAX = 120
export const LIST_TEXT_MAX = 1000
export const LIST_SHORT_MAX = 200
/** Overdue: more days than this in one stage (the workspace sets it). */
export const OVERDUE_DAYS_DEFAULT = 21
export const OVERDUE_DAYS_MAX = 365
/** Entries per workspace list: a town's lists, not a database. */
export const LIST_ENTRIES_MAX = 2000

export interface WorkspaceInfo {
  id: string
  name: string
  overdueDays: number
  createdAt: number
}

/** POST /api/workspaces: both links, each shown this once (the server keeps only their hashes). */
export interface CreateWorkspaceResponse {
  workspaceId: string
  managerToken: string
  /** '/w/<workspaceId>#<token>' — the token rides in the fragment, never sent to a server. */
  managerLink: string
  boardToken: string
  boardLink: string
}

/** GET /api/workspaces/<id>. */
export interface WorkspaceState {
  workspace: WorkspaceInfo
  role: WorkspaceRole
}

/** One project as the overview shows it: counts only, no resident's name, no content of the project. */
export interface ProjectSummary {
  projectId: string
  name: string
  area: string
  stage: Stage
  /** When the project entered its stage (its last stage move, or its creation). */
  stageSince: number
  daysInStage: number
  needsRaised: number
  needsAddressed: number
  /** Needs matched to a resource of the workspace's list. */
  needsMatched: number
  participants: Record<Role, number>
  openRevisions: number
  tasks: { done: number; late: number }
  lastActivity: number
  /** Days in stage beyond the workspace's threshold, or a late task. */
  overdue: boolean
  attachedAt: number
}

export interface WorkspaceOverview {
  workspace: WorkspaceInfo
  projects: ProjectSummary[]
  at: number
}

/** What happened in one project since a date (the weekly check-in). */
export interface ProjectChanges {
  projectId: string
  name: string
  stage: Stage
  stageMoves: { from: Stage; to: Stage; at: number }[]
  newNeeds: number
  needsAddressed: number
  votesOpened: number
  votesClosed: number
  ballots: number
  approvals: number
  tasksDone: number
  /** Anything at all happened (board edits, comments… included). */
  active: boolean
}

export interface WeeklyChanges {
  since: number
  at: number
  projects: ProjectChanges[]
}

/** A need of the workspace's project matched to a resource: what the lists show of it. */
export interface NeedMatch {
  resourceId: string
  projectId: string
  projectName: string
  needId: string
  /** The need's text as the organizer matched it (a resident's words, never their name). */
  needText: string
  byName: string
  at: number
}

export interface ListEntry {
  id: string
  side: ListSide
  /** Resources only; a need has null. */
  kind: ResourceKind | null
  name: string
  description: string
  /** Amount or quantity, as written ("5 万元", "20 人"). */
  amount: string
  /** Contact, free text. */
  contact: string
  community: string
  createdAt: number
  updatedAt: number
}

export interface WorkspaceLists {
  entries: ListEntry[]
  matches: NeedMatch[]
}

/** GET /api/projects/<id>/workspace (its organizer): the workspace's resources, the needs it may match, their matches. */
export interface ProjectWorkspaceSide {
  workspace: { id: string; name: string } | null
  resources: ListEntry[]
  needs: { id: string; text: string }[]
  matches: { needId: string; resourceId: string }[]
}

/** A resource matched to a need, as every link of the project reads it: its name and kind, never its contact. */
export interface MatchedResource {
  needId: string
  resourceId: string
  name: string
  kind: ResourceKind | null
}

/** GET /api/projects/<id>/matched-resources: for the needs the caller sees. */
export interface MatchedResources {
  workspace: { name: string } | null
  matches: MatchedResource[]
}

/** POST /api/workspaces/<id>/board-link: a new task force link (the old ones stop working). */
export interface BoardLinkResponse {
  boardToken: string
  boardLink: string
}

export function workspacePath(workspaceId: string, token?: string): string {
  const path = `/w/${encodeURIComponent(workspaceId)}`
  return token ? `${path}#${encodeURIComponent(token)}` : path
}

const isStage = literal(STAGES)
const isInfo: Guard<WorkspaceInfo> = record({ id: isString, name: isString, overdueDays: isNumber, createdAt: isNumber })
const isRoleCounts: Guard<Record<Role, number>> = (v): v is Record<Role, number> =>
  typeof v === 'object' && v !== null && ROLES.every((r) => isNumber((v as Record<string, unknown>)[r]))

export const isCreateWorkspaceResponse: Guard<CreateWorkspaceResponse> = record({
  workspaceId: isString, managerToken: isString, managerLink: isString, boardToken: isString, boardLink: isString,
})
export const isWorkspaceState: Guard<WorkspaceState> = record({ workspace: isInfo, role: isWorkspaceRole })
export const isBoardLinkResponse: Guard<BoardLinkResponse> = record({ boardToken: isString, boardLink: isString })

const isSummary: Guard<ProjectSummary> = record({
  projectId: isString, name: isString, area: isString, stage: isStage, stageSince: isNumber, daysInStage: isNumber,
  needsRaised: isNumber, needsAddressed: isNumber, needsMatched: isNumber, participants: isRoleCounts, openRevisions: isNumber,
  tasks: record({ done: isNumber, late: isNumber }), lastActivity: isNumber, overdue: (v): v is boolean => typeof v === 'boolean',
  attachedAt: isNumber,
})
export const isWorkspaceOverview: Guard<WorkspaceOverview> = record({ workspace: isInfo, projects: arrayOf(isSummary), at: isNumber })

const isChanges: Guard<ProjectChanges> = record({
  projectId: isString, name: isString, stage: isStage,
  stageMoves: arrayOf(record({ from: isStage, to: isStage, at: isNumber })),
  newNeeds: isNumber, needsAddressed: isNumber, votesOpened: isNumber, votesClosed: isNumber, ballots: isNumber,
  approvals: isNumber, tasksDone: isNumber, active: (v): v is boolean => typeof v === 'boolean',
})
export const isWeeklyChanges: Guard<WeeklyChanges> = record({ since: isNumber, at: isNumber, projects: arrayOf(isChanges) })

const isEntry: Guard<ListEntry> = record({
  id: isString, side: isListSide, kind: nullable(isResourceKind), name: isString, description: isString, amount: isString,
  contact: isString, community: isString, createdAt: isNumber, updatedAt: isNumber,
})
const isMatch: Guard<NeedMatch> = record({
  resourceId: isString, projectId: isString, projectName: isString, needId: isString, needText: isString, byName: isString, at: isNumber,
})
export const isWorkspaceLists: Guard<WorkspaceLists> = record({ entries: arrayOf(isEntry), matches: arrayOf(isMatch) })

export const isProjectWorkspaceSide: Guard<ProjectWorkspaceSide> = record({
  workspace: nullable(record({ id: isString, name: isString })),
  resources: arrayOf(isEntry),
  needs: arrayOf(record({ id: isString, text: isString })),
  matches: arrayOf(record({ needId: isString, resourceId: isString })),
})
export const isMatchedResources: Guard<MatchedResources> = record({
  workspace: nullable(record({ name: isString })),
  matches: arrayOf(record({ needId: isString, resourceId: isString, name: isString, kind: nullable(isResourceKind) })),
})
