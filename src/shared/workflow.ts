/**
 * The co-design loop as data: roles, stages and the role × stage permission table.
 * Runtime-neutral: the server enforces it, the UI hides what it forbids, docs/permissions.md shows it
 * (test/shared/permissions.test.ts keeps that page in step with this table).
 */

export const ROLES = ['organizer', 'expert', 'committee', 'resident'] as const
export type Role = (typeof ROLES)[number]

/** 组织搭平台 → 收集需求 → 专家实地察 → 多方共协商 → 方案定稿 → 实施落实 */
export const STAGES = ['organize', 'needs', 'siteVisit', 'negotiate', 'agreed', 'implement'] as const
export type Stage = (typeof STAGES)[number]

export const ACTIONS = [
  'draw', 'addNeed', 'tick', 'comment', 'vote', 'approve', 'moveStage', 'manageLinks', 'export',
  'manageNeeds', 'addressNeeds', 'editOptions', 'answerRevisions', 'runVote', 'facilitate',
  'privateMode',
  'moderate',
  // Entering a need, tick or ballot for a resident without a phone, and paper ballots (代录): what a
  // resident may do in the stage, on her behalf (server/participation/proxyActions.ts).
  'proxyEntry',
  'raiseHand', 'callSpeaker',
  // The public notice (公示) of the agreed plan: open, extend, close it; answer its public comments.
  'notice', 'answerNotice',
  // The task list (任务清单, server/tasks/): creating and editing tasks; status, photos and delays;
  // residents' 认可 / 不认可 of a finished task.
  'manageTasks', 'reportProgress', 'acceptTask',
] as const
export type Action = (typeof ACTIONS)[number]

const O: Role = 'organizer'
const E: Role = 'expert'
const C: Role = 'committee'
const R: Role = 'resident'

/**
 * Who may do what in each stage. `draw` means writing to the shared board document (any shape);
 * the server drops document updates from a connection whose role may not draw now.
 */
export const PERMISSIONS: Record<Stage, Record<Action, readonly Role[]>> = {
  organize: {
    draw: [O, E], addNeed: [O], tick: [], comment: [O, E, C],
    vote: [], approve: [], moveStage: [O], manageLinks: [O], export: [O, C],
    manageNeeds: [O], addressNeeds: [], editOptions: [], answerRevisions: [], runVote: [], facilitate: [O],
    privateMode: [],
    moderate: [O, C],
    proxyEntry: [],
    raiseHand: [E, C, R], callSpeaker: [O, C],
    notice: [], answerNotice: [],
    manageTasks: [], reportProgress: [], acceptTask: [],
  },
  needs: {
    draw: [O, E, C, R], addNeed: [O, E, C, R], tick: [O, E, C, R], comment: [O, E, C, R],
    vote: [], approve: [], moveStage: [O], manageLinks: [O], export: [O, C],
    manageNeeds: [O, C], addressNeeds: [], editOptions: [], answerRevisions: [], runVote: [], facilitate: [O],
    privateMode: [O],
    moderate: [O, C],
    proxyEntry: [O, C],
    raiseHand: [E, C, R], callSpeaker: [O, C],
    notice: [], answerNotice: [],
    manageTasks: [], reportProgress: [], acceptTask: [],
  },
  siteVisit: {
    draw: [O, E], addNeed: [O, C], tick: [O, E, C, R], comment: [O, E, C, R],
    vote: [], approve: [], moveStage: [O], manageLinks: [O], export: [O, C],
    manageNeeds: [O, C], addressNeeds: [O, E, C], editOptions: [O, E], answerRevisions: [O, E], runVote: [], facilitate: [O],
    privateMode: [],
    moderate: [O, C],
    proxyEntry: [O, C],
    raiseHand: [E, C, R], callSpeaker: [O, C],
    notice: [], answerNotice: [],
    manageTasks: [], reportProgress: [], acceptTask: [],
  },
  negotiate: {
    draw: [O, E], addNeed: [], tick: [O, E, C, R], comment: [O, E, C, R],
    vote: [E, C, R], approve: [C], moveStage: [O], manageLinks: [O], export: [O, C],
    manageNeeds: [O, C], addressNeeds: [O, E, C], editOptions: [O, E], answerRevisions: [O, E], runVote: [O], facilitate: [O],
    privateMode: [O],
    moderate: [O, C],
    proxyEntry: [O, C],
    raiseHand: [E, C, R], callSpeaker: [O, C],
    notice: [], answerNotice: [],
    manageTasks: [], reportProgress: [], acceptTask: [],
  },
  agreed: {
    draw: [O], addNeed: [], tick: [], comment: [O],
    vote: [], approve: [], moveStage: [O], manageLinks: [O], export: [O, C],
    manageNeeds: [], addressNeeds: [], editOptions: [], answerRevisions: [], runVote: [], facilitate: [O],
    privateMode: [],
    moderate: [O, C],
    proxyEntry: [],
    raiseHand: [E, C, R], callSpeaker: [O, C],
    notice: [O], answerNotice: [O, C],
    manageTasks: [O], reportProgress: [], acceptTask: [],
  },
  // 实施落实: the plan is carried out as a task list; the board stays the organizer's.
  implement: {
    draw: [O], addNeed: [], tick: [], comment: [O],
    vote: [], approve: [], moveStage: [O], manageLinks: [O], export: [O, C],
    manageNeeds: [], addressNeeds: [], editOptions: [], answerRevisions: [], runVote: [], facilitate: [O],
    privateMode: [],
    moderate: [O, C],
    proxyEntry: [O, C],
    raiseHand: [E, C, R], callSpeaker: [O, C],
    // A notice opened in 方案定稿 may still run when the work starts: it can be extended, closed and answered.
    notice: [O], answerNotice: [O, C],
    manageTasks: [O, C], reportProgress: [O, E, C], acceptTask: [C, R],
  },
}

/** Whether `stage` is 方案定稿 or later: the agreed option is the plan from then on. */
export function isAgreedOrLater(stage: Stage): boolean {
  return STAGES.indexOf(stage) >= STAGES.indexOf('agreed')
}

export function can(role: Role, stage: Stage, action: Action): boolean {
  return PERMISSIONS[stage][action].includes(role)
}

export function isRole(value: unknown): value is Role {
  return ROLES.some((role) => role === value)
}

export function isStage(value: unknown): value is Stage {
  return STAGES.some((stage) => stage === value)
}

export function nextStage(stage: Stage): Stage | undefined {
  return STAGES[STAGES.indexOf(stage) + 1]
}

export function previousStage(stage: Stage): Stage | undefined {
  const i = STAGES.indexOf(stage)
  return i > 0 ? STAGES[i - 1] : undefined
}

/** Markdown table of PERMISSIONS, as printed in docs/permissions.md. */
export function permissionsMarkdown(): string {
  const short: Record<Role, string> = { organizer: 'O', expert: 'E', committee: 'C', resident: 'R' }
  const lines = [`| action | ${STAGES.join(' | ')} |`, `|---|${STAGES.map(() => '---').join('|')}|`]
  for (const action of ACTIONS) {
    const cells = STAGES.map((s) => PERMISSIONS[s][action].map((r) => short[r]).join(' ') || '—')
    lines.push(`| ${action} | ${cells.join(' | ')} |`)
  }
  return lines.join('\n')
}
