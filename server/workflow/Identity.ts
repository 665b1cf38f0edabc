/**
 * Who a participant is, and from which devices they act (docs/permissions.md,
 * "Identity"). A participant is who they joined as: a personal token is handed out only to the device
 * that made the participant, to a device that already holds one of its tokens, or to a device that
 * opens a one-time personal link — made from a device the person already holds ("add my other
 * device"), or by the organizer or a committee member who confirmed the person face to face. A name
 * never finds a participant.
 */
import { randomBytes } from 'node:crypto'
import { CLAIM_TTL_MS, canonicalPersonText, claimLinkPath, mayConfirm, mayJoinAsNamesake, nameProblem, personLabel, personTextKey, type ClaimKind, type IdentityEvent, type PeopleList } from '../../src/shared/identity.js'
import type { Access, Workflow } from './Workflow.js'
import type { ErrorCode } from '../../src/shared/errorCodes.js'
import type { ClaimRecord, LinkRecord, ParticipantRecord, ProjectStore } from './ProjectStore.js'
import { participantView } from './projectViews.js'
import { hashToken, looksLikeToken, newToken } from './tokens.js'

export type Refusal = { ok: false; status: 400 | 403 | 404 | 409 | 410; code: ErrorCode; message: string }
type Caller = Pick<Extract<Access, { ok: true }>, 'link' | 'participant'>

export type JoinOutcome = { ok: true; participant: ParticipantRecord; created: boolean; token: string } | Refusal
export type ClaimLink = { ok: true; participant: ParticipantRecord; code: string; link: string; expiresAt: number }
export type ClaimOutcome = { ok: true; participant: ParticipantRecord; token: string } | Refusal

/** How long a retried join with the same join key answers the participant it made. */
export const JOIN_KEY_WINDOW_MS = 10 * 60 * 1000
const JOIN_KEY = /^[A-Za-z0-9_-]{22,64}$/

export function isJoinKey(value: unknown): value is string {
  return typeof value === 'string' && JOIN_KEY.test(value)
}

const refuse = (status: Refusal['status'], code: ErrorCode, message: string): Refusal => ({ ok: false, status, code, message })

export class Identity {
  constructor(private readonly store: ProjectStore, private readonly workflow: Workflow) {}

  /**
   * The person behind `caller` says who they are. Answers a personal token for a new participant —
   * or, when the caller already is a participant (a personal token as Bearer) or repeats the join
   * key of a join it just made, for that same participant. Never for anyone else.
   */
  join(caller: Caller, name: string, unit: string, opts: { newPerson: boolean; joinKey: string | null }, now = Date.now()): JoinOutcome {
    const { link } = caller
    // Security: a device that already holds a personal token is that participant; joining again
    // (a reload, a second tab) gets its own participant back, whatever name it sends, never a second one.
    if (caller.participant) return { ok: true, participant: caller.participant, created: false, token: this.newDeviceToken(caller.participant, now) }
    // Security: a name that would look like someone else's label (see nameProblem) is refused here too,
    // whatever the caller checked; names are stored and compared in their canonical form.
    const bad = badName(name)
    if (bad) return bad
    name = canonicalPersonText(name)
    unit = link.role === 'resident' ? canonicalPersonText(unit) : ''
    let joinKeyHash = opts.joinKey ? hashToken(opts.joinKey) : null
    if (joinKeyHash) {
      // Security: the key is a random secret the joining page made and sent only with this join;
      // only the page that made the participant can repeat it (a retry after a lost answer), and
      // only for a few minutes.
      const made = this.store.findParticipantByJoinKey(link.id, joinKeyHash, now - JOIN_KEY_WINDOW_MS)
      // Security: a retry repeats its name and unit. The same key with another name is another person
      // on a page that kept its key (a shared tablet): never the participant the key made; a new
      // join, the key not recorded again.
      if (made && sameText(made.name, name) && sameText(made.unit, unit)) {
        return { ok: true, participant: made, created: false, token: this.newDeviceToken(made, now) }
      }
      if (made) joinKeyHash = null
    }
    // Security: a name that is taken never answers its participant (whoever holds a shared link can
    // type any name). A resident or expert may go on as a new, numbered person; a committee member
    // or organizer may not — a second 刘主任 would be a second approval.
    const allowNamesake = opts.newPerson && mayJoinAsNamesake(link.role)
    if (!allowNamesake && this.takenBy(link.projectId, name, unit, null)) return nameTaken(link)
    const created = this.store.createParticipant({
      id: randomBytes(16).toString('base64url'), projectId: link.projectId, linkId: link.id, role: link.role, name,
      // Building / unit only says something about a resident; other roles never carry one.
      unit: link.role === 'resident' ? unit : '', joinedAt: now,
    }, { allowNamesake, joinKeyHash })
    if (created === 'name_taken') return nameTaken(link)
    return { ok: true, participant: created, created: true, token: this.newDeviceToken(created, now) }
  }

  /**
   * Change the name (and a resident's unit). Security: never into a name and unit someone else of the
   * project already has — that would make two people one in every list — and a new name is numbered
   * among its namesakes, so it can never pose as the first 王芳 either.
   */
  rename(p: ParticipantRecord, name: string, unit: string): { ok: true; participant: ParticipantRecord } | Refusal {
    const bad = badName(name)
    if (bad) return bad
    name = canonicalPersonText(name)
    unit = p.role === 'resident' ? canonicalPersonText(unit) : ''
    const taken = () => refuse(409, 'name_taken', 'Someone in this project already goes by this name; add your building / unit or something else that tells you apart.')
    if (this.takenBy(p.projectId, name, unit, p.id)) return taken()
    const renamed = this.store.renameParticipant(p.id, name, unit)
    if (renamed === undefined) return refuse(404, 'participant_not_found', 'You are no longer a participant of this project; open it through your link again.')
    if (renamed === 'name_taken') return taken()
    this.workflow.noteRenamed(renamed)
    return { ok: true, participant: renamed }
  }

  /** "Add my other device": a one-time personal link for the caller's own participant. */
  deviceLink(caller: Caller, now = Date.now()): ClaimLink | Refusal {
    // Security: only a personal token proves which person is asking; a bare role link names nobody.
    if (!caller.participant) return joinFirst()
    return this.issue(caller.participant, caller, 'device', now)
  }

  /**
   * The organizer or a committee member confirmed `targetId` face to face: a one-time personal link
   * for them (their new phone), recorded with who confirmed whom and when.
   */
  confirm(caller: Caller, projectId: string, targetId: string, now = Date.now()): ClaimLink | Refusal {
    const { link, participant } = caller
    if (link.role !== 'organizer' && link.role !== 'committee') {
      return refuse(403, 'not_allowed', 'Only the organizer or a committee member can confirm a person and give them a new link.')
    }
    // Security: a committee confirmation is recorded under the member's name, so it needs her personal
    // token; the organizer's link is accountable as it is (there is one, and it is theirs).
    if (link.role === 'committee' && !participant) return joinFirst()
    const target = this.workflow.getParticipant(projectId, targetId)
    if (!target) return refuse(404, 'participant_not_found', 'This project has no such participant; reload the list of people.')
    // Security: a committee member confirms residents only — confirming a colleague would hand her
    // that colleague's approval. The organizer, who runs the project, may confirm anyone.
    if (!mayConfirm(link.role, target.role)) {
      return refuse(403, 'not_allowed', 'A committee member can confirm residents only; the organizer confirms committee members, experts and organizers.')
    }
    const targetLink = this.store.getLink(target.linkId)
    if (!targetLink || !this.workflow.linkIsLive(targetLink, now)) {
      return refuse(409, 'participant_link_closed', 'This person joined through a link that was withdrawn or has expired; give them a new link from 邀请 instead.')
    }
    return this.issue(target, caller, 'confirmed', now)
  }

  /**
   * A resident without a phone, added by name by the committee or the organizer who enters things for
   * her (代录, server/participation/proxyActions.ts): a participant of the project's residents' link
   * with no device. Security: never an existing person — a name and unit someone already has is
   * refused, so the member picks her from the list instead and she stays one participant; a personal
   * link made for her later (confirm) opens this same participant on her phone.
   */
  addResident(projectId: string, name: string, unit: string, now = Date.now()): { ok: true; participant: ParticipantRecord } | Refusal {
    const bad = badName(name)
    if (bad) return bad
    name = canonicalPersonText(name)
    unit = canonicalPersonText(unit)
    // The oldest live residents' link: she is recorded as if she had joined through it, so her role is
    // the link's (resident) and a later personal link for her works while that link does.
    const link = this.workflow.liveLinks(projectId, now).filter((l) => l.role === 'resident').sort((a, b) => a.createdAt - b.createdAt)[0]
    if (!link) return refuse(409, 'no_resident_link', 'This project has no residents\' link yet; the organizer makes one in 邀请 first, then residents can be added by name.')
    const taken = () => refuse(409, 'name_taken', 'Someone in this project already goes by this name and unit; pick her from the list of people instead, or add her building / unit.')
    if (this.takenBy(projectId, name, unit, null)) return taken()
    const created = this.store.createParticipant({
      id: randomBytes(16).toString('base64url'), projectId, linkId: link.id, role: 'resident', name, unit, joinedAt: now,
    }, { allowNamesake: false, joinKeyHash: null })
    if (created === 'name_taken') return taken()
    return { ok: true, participant: created }
  }

  /** Open a personal link on a device: once, within its time, for its own participant only. */
  claim(projectId: string, code: unknown, now = Date.now()): ClaimOutcome {
    if (typeof code !== 'string' || !looksLikeToken(code)) return refuse(400, 'invalid_code', 'This personal link is incomplete; open the whole link or scan the QR code again.')
    const claim = this.store.findClaim(hashToken(code))
    // Security: a code of another project is exactly an unknown one.
    if (!claim || claim.projectId !== projectId) return refuse(404, 'claim_not_found', 'This personal link is not valid for this project; ask for a new one.')
    if (claim.usedAt !== null) return refuse(410, 'claim_used', 'This personal link has been used already; each works once. Ask for a new one.')
    if (claim.expiresAt <= now) return refuse(410, 'claim_expired', 'This personal link has expired; ask for a new one.')
    const participant = this.workflow.getParticipant(projectId, claim.participantId)
    const link = participant && this.store.getLink(participant.linkId)
    if (!participant || !link) return refuse(404, 'claim_not_found', 'This personal link is not valid for this project; ask for a new one.')
    // Checked before the code is spent: a withdrawn link keeps its people out, and the code stays unused.
    const status = this.workflow.linkStatus(link, now)
    if (status !== 'live') return refuse(403, status, 'The link this person joined through was withdrawn or has expired; ask the organizer for a new link.')
    // Security: the code stands for its issuer's word ("this is her", or "this is my other device"):
    // once the issuer's own link is withdrawn or expired — a committee member removed — the codes she
    // handed out stop working too, and stay unspent.
    const issuerLink = this.store.getLink(claim.byLinkId)
    if (!issuerLink || !this.workflow.linkIsLive(issuerLink, now)) {
      return refuse(403, 'claim_issuer_closed', 'The link of whoever made this personal link was withdrawn or has expired, so it no longer works; ask the residents\' committee or the organizer for a new one.')
    }
    // Security: compare-and-set, so two devices opening the same code at once cannot both get in.
    if (!this.store.redeemClaim(claim.codeHash, now)) return refuse(410, 'claim_used', 'This personal link has been used already; each works once. Ask for a new one.')
    return { ok: true, participant, token: this.newDeviceToken(participant, now) }
  }

  /** The people list: everyone who joined; the organizer also sees every personal link made, by whom. */
  people(caller: Caller, projectId: string): PeopleList | Refusal {
    if (caller.link.role !== 'organizer' && caller.link.role !== 'committee') {
      return refuse(403, 'not_allowed', 'Only the organizer and committee members see the list of people.')
    }
    // Security: names with building / unit are personal data; a committee member reads them under her
    // own name (her personal token), as she confirms — a bare committee link names nobody.
    if (caller.link.role === 'committee' && !caller.participant) return joinFirst()
    const participants = this.workflow.listParticipants(projectId)
    const byId = new Map(participants.map((p) => [p.id, p]))
    const identityEvents = caller.link.role !== 'organizer' ? [] : this.store.listClaims(projectId).map((c): IdentityEvent => ({
      kind: c.kind, participantId: c.participantId, participantName: labelOf(byId.get(c.participantId)),
      byParticipantId: c.byParticipantId, byName: c.byName, byRole: c.byRole, at: c.createdAt, expiresAt: c.expiresAt, usedAt: c.usedAt,
    }))
    return { participants: participants.map(participantView), identityEvents }
  }

  /**
   * Whether someone of the project other than `exceptId` goes by this name and unit, compared by
   * personTextKey (canonical, invisible characters dropped) — so rows stored before names were
   * canonical still count. The store checks the stored form again, atomically.
   */
  private takenBy(projectId: string, name: string, unit: string, exceptId: string | null): boolean {
    const key = personTextKey(name)
    const unitKey = personTextKey(unit)
    return this.workflow.listParticipants(projectId).some((o) => o.id !== exceptId && personTextKey(o.name) === key && personTextKey(o.unit) === unitKey)
  }

  private issue(target: ParticipantRecord, by: Caller, kind: ClaimKind, now: number): ClaimLink {
    const code = newToken()
    const claim: ClaimRecord = {
      codeHash: hashToken(code), projectId: target.projectId, participantId: target.id, kind,
      byParticipantId: by.participant?.id ?? null, byName: byName(by), byRole: by.link.role, byLinkId: by.link.id,
      createdAt: now, expiresAt: now + CLAIM_TTL_MS, usedAt: null,
    }
    // Only the hash is stored; earlier unused links of this person stop working, so one is live at a time.
    this.store.addClaim(claim)
    return { ok: true, participant: target, code, link: claimLinkPath(target.projectId, code), expiresAt: claim.expiresAt }
  }

  /** A personal token for one more device of `p`; only its hash is stored, earlier ones stay valid. */
  private newDeviceToken(p: ParticipantRecord, now: number): string {
    const token = newToken()
    this.store.addParticipantToken(p.id, hashToken(token), now)
    return token
  }
}

function byName(by: Caller): string {
  return by.participant ? personLabel(by.participant) : by.link.label || by.link.role
}

function sameText(a: string, b: string): boolean {
  return personTextKey(a) === personTextKey(b)
}

function badName(name: string): Refusal | null {
  const problem = nameProblem(name)
  if (problem === 'invisible') return refuse(400, 'invalid_name', 'The name may not contain invisible characters (such as zero-width spaces); type it again by hand.')
  if (problem === 'numbered') {
    return refuse(400, 'invalid_name', 'The name may not end with a space and a number like "②" or "#2": that is how people of the same name are told apart. Leave the number out, or add your building / unit.')
  }
  return null
}

function labelOf(p: ParticipantRecord | undefined): string {
  return p ? personLabel(p) : ''
}

function joinFirst(): Refusal {
  return refuse(403, 'join_first', 'Open the project through your link and enter your name first. (API: use the personal token from POST …/participants.)')
}

function nameTaken(link: LinkRecord): Refusal {
  return refuse(409, 'name_taken', mayJoinAsNamesake(link.role)
    ? 'Someone already joined with this name. If it is you on a new phone, ask the residents\' committee or the organizer to confirm you; if not, add your building / unit, or join as a new person ("newPerson": true).'
    : 'Someone already joined through a committee or organizer link with this name. If it is you on another device, use "add my other device" on the first one or ask the organizer to confirm you; if not, add something to your name that tells you apart.')
}
