/**
 * The participation model — needs, ticks, design options, comments, votes, revision
 * requests, approvals and the meeting's facilitation — as the JSON the server answers and pushes
 * (docs/api.md, "Participation"). It lives on the server, never in the shared board document: every
 * change is a validated server action (role × stage, one tick and one ballot per participant…).
 * Runtime-neutral: both sides import it.
 */
import { arrayOf, isBoolean, isNumber, isString, literal, nullable, optional, record, recordOf, type Guard } from './guards.js'
import { isHiddenMark, isModerationEntry, type HiddenMark, type ModerationEntry } from './moderation.js'
import { ROLES, STAGES, type Role, type Stage } from './workflow.js'
import { isProxySummary, type ProxySummary } from './proxyEntry.js'
import { isTask, type Task } from './tasks.js'

// --- limits (the server answers 400 beyond them) ---

export const NEED_TEXT_MAX = 500
export const COMMENT_TEXT_MAX = 2000
export const OPTION_TITLE_MAX = 60
export const OPTION_DESCRIPTION_MAX = 2000
export const REVISION_TEXT_MAX = 1000
export const REASON_MAX = 500
export const CATEGORY_LABEL_MAX = 40
export const CATEGORIES_MAX = 30
/** A committee member entering a need gathered on paper says how many residents raised it. */
export const RAISED_BY_MAX = 10_000
export const DOTS_PER_PERSON_MAX = 10
export const VOTE_OPTIONS_MAX = 26
export const QUORUM_MAX = 100
export const TIMER_SECONDS_MAX = 3 * 60 * 60
export const TIMER_LABEL_MAX = 60
/** Page coordinates (tldraw page units) beyond this are a mistake, not a place on the plan. */
export const COORDINATE_MAX = 10_000_000
/** A tldraw shape id, as options and shape comments name them. */
export const SHAPE_ID_PATTERN = /^shape:[A-Za-z0-9_-]{1,64}$/

/** Who did something, as everyone sees it. `participantId` is null for an organizer action made with a bare link token. */
export interface Actor {
  participantId: string | null
  name: string
  role: Role
}

// --- needs ---

export const NEED_SOURCES = ['board', 'paper', 'questionnaire', 'meeting'] as const
/** Where a need came from: pinned on the board by its author, or entered by the committee on residents' behalf. */
export type NeedSource = (typeof NEED_SOURCES)[number]

export interface NeedCategory {
  /** Stable: 'greenery', … for the defaults; 'c-<random>' for ones the organizer added. */
  id: string
  zh: string
  en: string
  /** Hidden categories cannot be picked for new needs; needs that have one keep it. */
  hidden: boolean
  /** One of DEFAULT_CATEGORIES (may be renamed or hidden, like any other). */
  builtIn: boolean
}

/** Every project starts with these, in this order; the organizer may rename, hide, reorder and add. */
export const DEFAULT_CATEGORIES: readonly Pick<NeedCategory, 'id' | 'zh' | 'en'>[] = [
  { id: 'greenery', zh: '绿化', en: 'Greenery' },
  { id: 'seating', zh: '休憩座椅', en: 'Seating' },
  { id: 'play', zh: '儿童游乐', en: "Children's play" },
  { id: 'accessibility', zh: '适老/无障碍', en: 'Elderly & accessibility' },
  { id: 'lighting', zh: '照明安全', en: 'Lighting & safety' },
  { id: 'traffic', zh: '停车交通', en: 'Parking & traffic' },
  { id: 'culture', zh: '文化活动', en: 'Culture & activities' },
  { id: 'sanitation', zh: '卫生环境', en: 'Sanitation' },
  { id: 'other', zh: '其他', en: 'Other' },
]

export interface Need {
  id: string
  /** Where the pin is, in page coordinates of the board. */
  x: number
  y: number
  categoryId: string
  text: string
  /** Same-origin URL of a photo uploaded to this project's board, or null. */
  photoSrc: string | null
  source: NeedSource
  /** Residents who raised a need entered on their behalf (paper, questionnaire, meeting); 0 for `board` needs. */
  raisedBy: number
  author: Actor
  /** The stage the project was in when the need was added. */
  stage: Stage
  createdAt: number
  updatedAt: number
  /** Distinct participants supporting it ("me too"); a `board` need's author counts as its first tick. */
  ticks: number
  /** ticks + raisedBy: what the needs panel sorts by. */
  support: number
  /** I (this viewer's participant) have ticked it. */
  tickedByMe: boolean
  /** I added it. */
  mine: boolean
  /** Set when the committee merged it into another need: it stays as history, its ticks moved there. */
  mergedInto: string | null
  /** The needs merged into this one. */
  mergedFrom: string[]
  /** The design options that address it. */
  addressedBy: string[]
  /**
   * Hidden by a moderator (src/shared/moderation.ts): only its author and the organizer/committee get
   * such a need at all, with this set; everyone else does not get it (nor its ticks, photo, comments).
   * This server always sends it (null when not hidden); optional so a state built without moderation
   * (a test's, an older server's) still reads as not hidden.
   */
  hidden?: HiddenMark | null
  /** Its photo hidden on its own: the author and moderators get photoSrc and this; everyone else photoSrc null. */
  photoHidden?: HiddenMark | null
}

// --- design options ---

export interface DesignOption {
  id: string
  title: string
  description: string
  /** The tldraw shape id of the option's frame on the board (e.g. 'shape:abc'), if it has one. */
  frameShapeId: string | null
  /** The needs it addresses (live needs only: deleted ones drop out, merged ones stay as linked). */
  addressedNeedIds: string[]
  author: Actor
  createdAt: number
  updatedAt: number
}

// --- comments ---

export const COMMENT_TARGET_KINDS = ['need', 'option', 'shape'] as const
export type CommentTargetKind = (typeof COMMENT_TARGET_KINDS)[number]

export interface CommentTarget {
  kind: CommentTargetKind
  /** A need id, an option id, or a tldraw shape id ('shape:…'). */
  id: string
}

export interface Comment {
  id: string
  author: Actor
  text: string
  /** Roles this comment calls on (@居委 → 'committee'). */
  mentions: Role[]
  createdAt: number
  mine: boolean
  /** Hidden by a moderator: only its author and the organizer/committee get it, with this set (always sent; see Need.hidden). */
  hidden?: HiddenMark | null
}

export interface CommentThread {
  id: string
  target: CommentTarget
  /** The stage the thread was started in. */
  stage: Stage
  /** The first comment, then the replies, oldest first. */
  comments: Comment[]
  resolved: boolean
  resolvedBy: Actor | null
  resolvedAt: number | null
  createdAt: number
}

// --- votes ---

export const VOTE_MODES = ['single', 'dots'] as const
export type VoteMode = (typeof VOTE_MODES)[number]
export const RESULTS_VISIBILITIES = ['live', 'afterClose'] as const
export type ResultsVisibility = (typeof RESULTS_VISIBILITIES)[number]

/** A named vote's voter on one option. Never present for anonymous votes. */
export interface VoterPoints {
  participantId: string
  name: string
  role: Role
  points: number
}

export interface VoteResult {
  optionId: string
  /** Votes (single) or dots (dots) the option got. */
  points: number
  /** Named votes only; null for anonymous ones. */
  voters: VoterPoints[] | null
}

export interface Vote {
  id: string
  optionIds: string[]
  mode: VoteMode
  /** 1 for a single-choice vote. */
  dotsPerPerson: number
  anonymous: boolean
  resultsVisibility: ResultsVisibility
  status: 'open' | 'closed'
  openedBy: Actor
  openedAt: number
  closedBy: Actor | null
  closedAt: number | null
  /** How many participants have cast a ballot. */
  ballots: number
  /** Per option, in optionIds order; null while hidden (resultsVisibility 'afterClose' and still open). */
  results: VoteResult[] | null
  /** I have cast my ballot. */
  voted: boolean
  /**
   * My ballot (option id → points) in a named vote. Always null in an anonymous vote: the server
   * does not keep who chose what, only that I voted (the POST answer echoes it once).
   */
  myBallot: Record<string, number> | null
}

// --- revision requests ---

export interface RevisionAnswer {
  id: string
  text: string
  author: Actor
  at: number
}

export interface RevisionRequest {
  id: string
  optionId: string
  text: string
  author: Actor
  stage: Stage
  createdAt: number
  /** Every answer, oldest first: the history stays. */
  answers: RevisionAnswer[]
  done: boolean
  doneBy: Actor | null
  doneAt: number | null
}

// --- approvals and agreement ---

/** A committee member's approval of one option, by name. */
export interface Approval {
  optionId: string
  participantId: string
  name: string
  at: number
}

/** The project moved to Agreed: with the approved option when confirmed, or null if the organizer moved the stage directly. */
export interface Agreement {
  id: string
  optionId: string | null
  /** The approvals the agreement was confirmed with. */
  approvals: Approval[]
  quorum: number | null
  byName: string
  at: number
  /** The stage move (ProjectState.moves) that made it; its board snapshot is the agreed board. */
  moveId: string
}

/** The organizer reopened an agreed project (Agreed → Negotiate), saying why. */
export interface Reopen {
  id: string
  reason: string
  byName: string
  at: number
  moveId: string
}

/**
 * GET /api/projects/<id>/participation, every mutating participation call's answer, and every
 * `participation` event of the project's event stream: everything, as this viewer may see it.
 */
export interface ParticipationState {
  /**
   * Grows with every change (milliseconds-based, so it keeps growing across server restarts): of two
   * states, keep the one with the higher revision (a GET answer may arrive after a newer event).
   */
  revision: number
  categories: NeedCategory[]
  /** Every need that was not deleted, merged ones included (mergedInto set): pins are those with mergedInto null. */
  needs: Need[]
  options: DesignOption[]
  threads: CommentThread[]
  /** Newest last. */
  votes: Vote[]
  revisions: RevisionRequest[]
  /** Committee approvals since the last agreement (reset when the project is reopened). */
  approvals: Approval[]
  /** Committee approvals one option needs before the organizer may confirm it; null until set. */
  quorum: number | null
  /** Oldest first; the last one is current while the stage is Agreed. */
  agreements: Agreement[]
  reopens: Reopen[]
  /** Every hide and restore, oldest first: the organizer and the committee get it, everyone else [] (always sent; see Need.hidden). */
  moderation?: ModerationEntry[]
  /**
   * The running 各自先想 (think first on your own) period, or null. Absent only from a server older
   * than private mode (read it as null). While it runs, items added since it started are withheld by
   * the server from everyone but their author (and the organizer and committee when it says so).
   */
  privatePeriod?: PrivatePeriod | null
  /**
   * What the committee entered for residents and paper ballots, in these counts (src/shared/proxyEntry.ts).
   * The server always sends it; optional so a state kept from before it existed still reads.
   */
  proxy?: ProxySummary
  /** The task list of 实施落实 (src/shared/tasks.ts), oldest first. Absent from a server older than it (read it as []). */
  tasks?: Task[]
}

// --- private mode (各自先想) ---

/** What a private period hides: new needs (收集需求) or new comments on design options (多方共协商). */
export const PRIVATE_SCOPES = ['needs', 'comments'] as const
export type PrivateScope = (typeof PRIVATE_SCOPES)[number]
/** The stage each scope runs in; a private period can be started only there. */
export const PRIVATE_SCOPE_OF_STAGE: Partial<Record<Stage, PrivateScope>> = { needs: 'needs', negotiate: 'comments' }
/** During the period, do the organizer and the committee see everyone's items, or only how many there are? */
export const LEADERS_SEE = ['content', 'counts'] as const
export type LeadersSee = (typeof LEADERS_SEE)[number]

/** A running private period as one viewer sees it (ParticipationState.privatePeriod). */
export interface PrivatePeriod {
  id: string
  scope: PrivateScope
  leadersSee: LeadersSee
  startedAt: number
  startedBy: string
  /** Items (needs or option comments) added since it started, everyone's. */
  items: number
  /** Of those, the viewer's own. */
  mine: number
  /** Of those, how many the server withholds from this viewer (0 for the organizer and committee when leadersSee is 'content'). */
  hidden: number
}

export interface StartPrivateRequest {
  leadersSee: LeadersSee
}

// --- facilitation (ephemeral, in server memory) ---

/** A tldraw camera: page point at the viewport's top-left is (-x, -y), zoom z. */
export interface Viewport {
  x: number
  y: number
  z: number
}

/** "Bring everyone to me": follow once, when a gather with a new id arrives. */
export interface Gather {
  id: string
  byName: string
  viewport: Viewport
  at: number
}

export interface MeetingTimer {
  label: string
  startedAt: number
  /** Server clock; compare with FacilitationState.serverNow, not the device's clock. */
  endsAt: number
  byName: string
}

export const FOCUS_KINDS = ['option', 'need'] as const
export type FocusKind = (typeof FOCUS_KINDS)[number]

/**
 * What the facilitator's projector shows now (projector mode): the option or need under discussion.
 * Everyone who follows the projector sees the same one; null when no projector is on.
 */
export interface MeetingFocus {
  kind: FocusKind
  id: string
  byName: string
  /** Server clock of the last set or renewal (FOCUS_RENEW_MS). */
  at: number
}

/**
 * A projector renews its focus this often while it is on; a focus not renewed for FOCUS_TTL_MS is
 * a projector that went away without saying so (a closed lid, a lost network, a crashed tab): the
 * server stops reporting it and followers stop following it.
 */
export const FOCUS_RENEW_MS = 30_000
export const FOCUS_TTL_MS = 90_000

/** A page area: what a presenter's screen shows, in page coordinates. */
export interface ViewBox {
  x: number
  y: number
  width: number
  height: number
}

/**
 * The presenter's lead: while there is one, every other screen shows `view` (fitted to its own shape)
 * until its person steps out. The presenter's page moves it as they pan and zoom and renews it every
 * LEAD_RENEW_MS; one not renewed for LEAD_TTL_MS is a presenter that went away, and lapses.
 */
export interface MeetingLead {
  /** New each time the lead is taken; the presenting page sends it back with each move. */
  id: string
  byName: string
  /** Null when taken with a bare organizer link. */
  byParticipantId: string | null
  view: ViewBox
  /** Server clock of the last take, move or renewal. */
  at: number
  /** Server clock at which a timed lead ("everyone look here for 3 minutes") ends; null: until released. */
  until: number | null
}

export const LEAD_RENEW_MS = 10_000
export const LEAD_TTL_MS = 30_000

/** A raised hand, in the speaking queue (oldest first). */
export interface RaisedHand {
  participantId: string
  name: string
  role: Role
  /** Server clock when it went up. */
  at: number
}

/** The person the facilitator called to speak. */
export interface CalledSpeaker {
  participantId: string
  name: string
  role: Role
  /** Server clock when called. */
  at: number
  byName: string
}

/** At most this many hands up per project (one per person; a bound for memory and every push). */
export const MAX_RAISED_HANDS = 300

/** GET /api/projects/<id>/facilitation and every `facilitation` event. */
export interface FacilitationState {
  gather: Gather | null
  timer: MeetingTimer | null
  focus: MeetingFocus | null
  lead: MeetingLead | null
  /** The facilitator opened hands up (举手发言): only then may people raise a hand, and only then is the button shown. */
  handsOpen: boolean
  /** The speaking queue, oldest hand first. */
  hands: RaisedHand[]
  speaker: CalledSpeaker | null
  /** The server's clock when this was sent, so a phone with a wrong clock still counts down right. */
  serverNow: number
}

// --- checks of the answers, for the browser's client (src/shared/guards.ts says how they compose) ---

const isRole = literal(ROLES)
const isStage = literal(STAGES)
const isIdList = arrayOf(isString)

const isActor: Guard<Actor> = record({ participantId: nullable(isString), name: isString, role: isRole })

const isNeedCategory: Guard<NeedCategory> = record({ id: isString, zh: isString, en: isString, hidden: isBoolean, builtIn: isBoolean })

const isNeed: Guard<Need> = record({
  id: isString,
  x: isNumber,
  y: isNumber,
  categoryId: isString,
  text: isString,
  photoSrc: nullable(isString),
  source: literal(NEED_SOURCES),
  raisedBy: isNumber,
  author: isActor,
  stage: isStage,
  createdAt: isNumber,
  updatedAt: isNumber,
  ticks: isNumber,
  support: isNumber,
  tickedByMe: isBoolean,
  mine: isBoolean,
  mergedInto: nullable(isString),
  mergedFrom: isIdList,
  addressedBy: isIdList,
  hidden: optional(nullable(isHiddenMark)),
  photoHidden: optional(nullable(isHiddenMark)),
})

const isDesignOption: Guard<DesignOption> = record({
  id: isString,
  title: isString,
  description: isString,
  frameShapeId: nullable(isString),
  addressedNeedIds: isIdList,
  author: isActor,
  createdAt: isNumber,
  updatedAt: isNumber,
})

const isComment: Guard<Comment> = record({ id: isString, author: isActor, text: isString, mentions: arrayOf(isRole), createdAt: isNumber, mine: isBoolean, hidden: optional(nullable(isHiddenMark)) })

const isCommentThread: Guard<CommentThread> = record({
  id: isString,
  target: record({ kind: literal(COMMENT_TARGET_KINDS), id: isString }),
  stage: isStage,
  comments: arrayOf(isComment),
  resolved: isBoolean,
  resolvedBy: nullable(isActor),
  resolvedAt: nullable(isNumber),
  createdAt: isNumber,
})

const isVoteResult: Guard<VoteResult> = record({
  optionId: isString,
  points: isNumber,
  voters: nullable(arrayOf(record({ participantId: isString, name: isString, role: isRole, points: isNumber }))),
})

const isVote: Guard<Vote> = record({
  id: isString,
  optionIds: isIdList,
  mode: literal(VOTE_MODES),
  dotsPerPerson: isNumber,
  anonymous: isBoolean,
  resultsVisibility: literal(RESULTS_VISIBILITIES),
  status: literal(['open', 'closed']),
  openedBy: isActor,
  openedAt: isNumber,
  closedBy: nullable(isActor),
  closedAt: nullable(isNumber),
  ballots: isNumber,
  results: nullable(arrayOf(isVoteResult)),
  voted: isBoolean,
  myBallot: nullable(recordOf(isNumber)),
})

const isRevisionRequest: Guard<RevisionRequest> = record({
  id: isString,
  optionId: isString,
  text: isString,
  author: isActor,
  stage: isStage,
  createdAt: isNumber,
  answers: arrayOf(record({ id: isString, text: isString, author: isActor, at: isNumber })),
  done: isBoolean,
  doneBy: nullable(isActor),
  doneAt: nullable(isNumber),
})

const isApproval: Guard<Approval> = record({ optionId: isString, participantId: isString, name: isString, at: isNumber })

const isAgreement: Guard<Agreement> = record({
  id: isString,
  optionId: nullable(isString),
  approvals: arrayOf(isApproval),
  quorum: nullable(isNumber),
  byName: isString,
  at: isNumber,
  moveId: isString,
})

const isReopen: Guard<Reopen> = record({ id: isString, reason: isString, byName: isString, at: isNumber, moveId: isString })

export const isParticipationState: Guard<ParticipationState> = record({
  revision: isNumber,
  categories: arrayOf(isNeedCategory),
  needs: arrayOf(isNeed),
  options: arrayOf(isDesignOption),
  threads: arrayOf(isCommentThread),
  votes: arrayOf(isVote),
  revisions: arrayOf(isRevisionRequest),
  approvals: arrayOf(isApproval),
  quorum: nullable(isNumber),
  agreements: arrayOf(isAgreement),
  reopens: arrayOf(isReopen),
  moderation: optional(arrayOf(isModerationEntry)),
  privatePeriod: optional(nullable(record({
    id: isString, scope: literal(PRIVATE_SCOPES), leadersSee: literal(LEADERS_SEE), startedAt: isNumber, startedBy: isString,
    items: isNumber, mine: isNumber, hidden: isNumber,
  }))),
  proxy: optional(isProxySummary),
  tasks: optional(arrayOf(isTask)),
})

const isViewport: Guard<Viewport> = record({ x: isNumber, y: isNumber, z: isNumber })

export const isFacilitationState: Guard<FacilitationState> = record({
  gather: nullable(record({ id: isString, byName: isString, viewport: isViewport, at: isNumber })),
  timer: nullable(record({ label: isString, startedAt: isNumber, endsAt: isNumber, byName: isString })),
  focus: nullable(record({ kind: literal(FOCUS_KINDS), id: isString, byName: isString, at: isNumber })),
  lead: nullable(record({
    id: isString, byName: isString, byParticipantId: nullable(isString),
    view: record({ x: isNumber, y: isNumber, width: isNumber, height: isNumber }), at: isNumber, until: nullable(isNumber),
  })),
  handsOpen: isBoolean,
  hands: arrayOf(record({ participantId: isString, name: isString, role: isRole, at: isNumber })),
  speaker: nullable(record({ participantId: isString, name: isString, role: isRole, at: isNumber, byName: isString })),
  serverNow: isNumber,
})

// --- request bodies ---

export interface CreateNeedRequest {
  x: number
  y: number
  categoryId: string
  text: string
  photoSrc?: string | null
  /** Committee (and organizer) only; default 'board'. */
  source?: NeedSource
  /** For source ≠ 'board': how many residents raised it, 1…RAISED_BY_MAX (default 1). */
  raisedBy?: number
}

export type UpdateNeedRequest = Partial<CreateNeedRequest>

export interface MergeNeedsRequest {
  /** Needs merged INTO the need of the URL. */
  needIds: string[]
}

export interface AddressNeedRequest {
  optionId: string
}

export interface CategoryInput {
  /** Omit for a new category. */
  id?: string
  zh: string
  /** Defaults to zh. */
  en?: string
  hidden?: boolean
}

/** The whole list, in order; a category in use may be hidden or renamed but not left out. */
export interface SetCategoriesRequest {
  categories: CategoryInput[]
}

export interface CreateOptionRequest {
  title: string
  description?: string
  frameShapeId?: string | null
  addressedNeedIds?: string[]
}

export type UpdateOptionRequest = Partial<CreateOptionRequest>

export interface CreateThreadRequest {
  target: CommentTarget
  text: string
  mentions?: Role[]
}

export interface ReplyRequest {
  text: string
  mentions?: Role[]
}

export interface ResolveThreadRequest {
  resolved: boolean
}

export interface OpenVoteRequest {
  optionIds: string[]
  mode: VoteMode
  /** Dots only: 1…DOTS_PER_PERSON_MAX. */
  dotsPerPerson?: number
  /** Default false. */
  anonymous?: boolean
  /** Default 'live'. */
  resultsVisibility?: ResultsVisibility
}

/**
 * A ballot: `points` maps option ids to whole numbers ≥ 0. Single choice: exactly one option with 1
 * (or send `{ optionId }`). Dots: at least one dot, at most dotsPerPerson in total.
 */
export type BallotRequest = { points: Record<string, number> } | { optionId: string }

export interface CreateRevisionRequest {
  text: string
}

export interface AnswerRevisionRequest {
  text: string
}

export interface RevisionDoneRequest {
  done: boolean
}

export interface ApproveRequest {
  optionId: string
}

export interface SetQuorumRequest {
  approvals: number
}

export interface ConfirmAgreementRequest {
  optionId: string
}

export interface ReopenRequest {
  reason: string
}

export interface GatherRequest {
  viewport: Viewport
}

export interface FocusRequest {
  kind: FocusKind
  id: string
}

export interface StartTimerRequest {
  seconds: number
  label?: string
}

/**
 * PUT /facilitation/lead. Without `id`: take the lead (a new one). With the id of the current lead:
 * move it to `viewport` and renew it (409 lead_lost when that lead has ended or another page took it).
 * `seconds` (with an optional timer `label`): "everyone look here for N minutes" — the shared timer
 * starts and the lead ends with it.
 */
export interface LeadRequest {
  viewport: ViewBox
  id?: string
  seconds?: number
  label?: string
}

/** The answer of every mutating participation call: the caller's new state, and the id of what a POST created. */
export interface ParticipationResponse {
  participation: ParticipationState
  id?: string
}

/** A ballot's answer also echoes the ballot itself (the only time an anonymous ballot is shown to its voter). */
export interface BallotResponse extends ParticipationResponse {
  ballot: Record<string, number>
}

/** Names of the event-stream events this module adds (see PROJECT_EVENTS in projectApi.ts). */
export const PARTICIPATION_EVENTS = { participation: 'participation', facilitation: 'facilitation' } as const

export const isParticipationResponse: Guard<ParticipationResponse> = record({ participation: isParticipationState, id: optional(isString) })

export const isBallotResponse: Guard<BallotResponse> = record({ participation: isParticipationState, id: optional(isString), ballot: recordOf(isNumber) })
