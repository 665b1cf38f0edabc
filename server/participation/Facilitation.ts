/**
 * The in-person meeting's controls, kept in memory only (they mean nothing after the meeting, and a
 * restart simply clears them): the organizer's last "bring everyone to me", the shared countdown,
 * the projector's focus (the option or need under discussion, which followers' screens show too),
 * the presenter's lead (the view every screen follows) and the speaking queue (hands up, who speaks).
 * Every change is pushed to every event stream of the project as a `facilitation` event.
 *
 * Why memory and not storage: a hand up or a lead is about this room, this hour. A restart clears
 * them, and the room sees it at once (the hand button is up again, the follow bar gone); keeping them
 * would bring back a meeting that ended. A hand is keyed by participant, not by connection, so it
 * survives the person's reconnects and reloads.
 */
import { randomBytes } from 'node:crypto'
import {
  FOCUS_TTL_MS, LEAD_TTL_MS, MAX_RAISED_HANDS,
  type CalledSpeaker, type FacilitationState, type FocusKind, type Gather, type MeetingFocus, type MeetingLead, type MeetingTimer,
  type RaisedHand, type Viewport, type ViewBox,
} from '../../src/shared/participation.js'
import type { Actor } from '../../src/shared/participation.js'

/** One project's meeting controls as held (and as relayed whole to other instances, server/cluster/ProjectBus.ts). */
export interface ProjectMeeting {
  gather: Gather | null
  timer: MeetingTimer | null
  focus: MeetingFocus | null
  lead: MeetingLead | null
  handsOpen: boolean
  hands: RaisedHand[]
  speaker: CalledSpeaker | null
}

const EMPTY_MEETING: ProjectMeeting = { gather: null, timer: null, focus: null, lead: null, handsOpen: false, hands: [], speaker: null }

/** A lead still holds at `now`: renewed within LEAD_TTL_MS and, if timed, not yet at its end. */
function leadHolds(lead: MeetingLead, now: number): boolean {
  return now - lead.at <= LEAD_TTL_MS && (lead.until === null || now < lead.until)
}

export class Facilitation {
  private readonly meetings = new Map<string, ProjectMeeting>()
  private readonly listeners = new Set<(projectId: string) => void>()
  /** Per project, the moment its lead lapses or ends (pushed then: followers must let go at once). */
  private readonly leadEnds = new Map<string, NodeJS.Timeout>()
  /** When each project's meeting last changed (ms), so that relayed states are kept newest-first. */
  private readonly changedAt = new Map<string, number>()

  subscribe(listener: (projectId: string) => void): () => void {
    this.listeners.add(listener)
    return () => { this.listeners.delete(listener) }
  }

  state(projectId: string, now = Date.now()): FacilitationState {
    const m = this.meetings.get(projectId)
    // A focus its projector stopped renewing is a projector that is gone: nobody should follow it.
    const focus = m?.focus && now - m.focus.at <= FOCUS_TTL_MS ? m.focus : null
    const lead = m?.lead && leadHolds(m.lead, now) ? m.lead : null
    return { gather: m?.gather ?? null, timer: m?.timer ?? null, focus, lead, handsOpen: m?.handsOpen ?? false, hands: m?.hands ?? [], speaker: m?.speaker ?? null, serverNow: now }
  }

  /** The lead of the project if it still holds. */
  lead(projectId: string, now = Date.now()): MeetingLead | null {
    const lead = this.meetings.get(projectId)?.lead ?? null
    return lead && leadHolds(lead, now) ? lead : null
  }

  /** A new lead (replacing any other): every screen follows `view`. With `seconds`, the shared timer starts and the lead ends with it. */
  takeLead(projectId: string, by: Actor, view: ViewBox, timed: { seconds: number; label: string } | null, now = Date.now()): FacilitationState {
    const until = timed ? now + timed.seconds * 1000 : null
    const lead: MeetingLead = { id: randomBytes(9).toString('base64url'), byName: by.name, byParticipantId: by.participantId, view, at: now, until }
    const change: Partial<ProjectMeeting> = { lead }
    if (timed) change.timer = { label: timed.label, startedAt: now, endsAt: now + timed.seconds * 1000, byName: by.name }
    this.update(projectId, change)
    return this.state(projectId, now)
  }

  /** The caller checked that `lead` is the project's live lead. */
  moveLead(projectId: string, lead: MeetingLead, view: ViewBox, now = Date.now()): FacilitationState {
    this.update(projectId, { lead: { ...lead, view, at: now } })
    return this.state(projectId, now)
  }

  releaseLead(projectId: string, now = Date.now()): FacilitationState {
    this.update(projectId, { lead: null })
    return this.state(projectId, now)
  }

  /**
   * Her hand goes to the end of the queue; one already up keeps its place (one hand per person).
   * 'closed' while hands up is not open; 'full' when MAX_RAISED_HANDS are up already and hers is not one of them.
   */
  raiseHand(projectId: string, hand: Omit<RaisedHand, 'at'>, now = Date.now()): FacilitationState | 'closed' | 'full' {
    const m = this.meetings.get(projectId)
    if (!m?.handsOpen) return 'closed'
    const hands = m.hands
    if (!hands.some((h) => h.participantId === hand.participantId)) {
      if (hands.length >= MAX_RAISED_HANDS) return 'full'
      this.update(projectId, { hands: [...hands, { ...hand, at: now }] })
    }
    return this.state(projectId, now)
  }

  /** Her hand comes down; if she was the one speaking, she is done. */
  lowerHand(projectId: string, participantId: string, now = Date.now()): FacilitationState {
    const m = this.meetings.get(projectId)
    if (m && (m.hands.some((h) => h.participantId === participantId) || m.speaker?.participantId === participantId)) {
      this.update(projectId, {
        hands: m.hands.filter((h) => h.participantId !== participantId),
        speaker: m.speaker?.participantId === participantId ? null : m.speaker,
      })
    }
    return this.state(projectId, now)
  }

  /** The first hand in the queue speaks now; null when no hand is up. */
  callNext(projectId: string, byName: string, now = Date.now()): FacilitationState | null {
    const hands = this.meetings.get(projectId)?.hands ?? []
    const [next, ...rest] = hands
    if (!next) return null
    this.update(projectId, { hands: rest, speaker: { participantId: next.participantId, name: next.name, role: next.role, at: now, byName } })
    return this.state(projectId, now)
  }

  /** Hands up begins (举手发言): people may raise a hand. */
  openHands(projectId: string, now = Date.now()): FacilitationState {
    if (!this.meetings.get(projectId)?.handsOpen) this.update(projectId, { handsOpen: true })
    return this.state(projectId, now)
  }

  /** Hands up ends: the queue and the speaker are cleared, and nobody can raise a hand until it opens again. */
  clearHands(projectId: string, now = Date.now()): FacilitationState {
    this.update(projectId, { handsOpen: false, hands: [], speaker: null })
    return this.state(projectId, now)
  }

  gather(projectId: string, byName: string, viewport: Viewport, now = Date.now()): FacilitationState {
    // A new id each time: clients follow a gather once, when they see an id they have not followed.
    this.update(projectId, { gather: { id: randomBytes(9).toString('base64url'), byName, viewport, at: now } })
    return this.state(projectId, now)
  }

  startTimer(projectId: string, byName: string, seconds: number, label: string, now = Date.now()): FacilitationState {
    this.update(projectId, { timer: { label, startedAt: now, endsAt: now + seconds * 1000, byName } })
    return this.state(projectId, now)
  }

  stopTimer(projectId: string, now = Date.now()): FacilitationState {
    // A timed lead ("look here for 3 minutes") is that timer: stopping it early ends the lead too.
    const lead = this.meetings.get(projectId)?.lead
    this.update(projectId, { timer: null, ...(lead?.until != null && { lead: null }) })
    return this.state(projectId, now)
  }

  /** The caller checked that `id` names a live option or need of this project. */
  setFocus(projectId: string, byName: string, kind: FocusKind, id: string, now = Date.now()): FacilitationState {
    this.update(projectId, { focus: { kind, id, byName, at: now } })
    return this.state(projectId, now)
  }

  clearFocus(projectId: string, now = Date.now()): FacilitationState {
    this.update(projectId, { focus: null })
    return this.state(projectId, now)
  }

  /** The project's meeting as held and when it last changed, to hand to other instances. */
  meeting(projectId: string): { meeting: ProjectMeeting; changedAt: number } {
    return { meeting: this.meetings.get(projectId) ?? EMPTY_MEETING, changedAt: this.changedAt.get(projectId) ?? 0 }
  }

  /** Projects with meeting state held here. */
  projects(): string[] {
    return [...this.meetings.keys()]
  }

  /**
   * Another instance's meeting state, changed at `changedAt`: it replaces this one's if it is newer
   * (`tieWins` settles the same millisecond the same way on every instance), and this instance's
   * streams are told. Race: two changes within a relay's latency on two instances (two hands raised
   * at once) keep only the later; the lost hand is raised again.
   */
  replaceMeeting(projectId: string, meeting: ProjectMeeting, changedAt: number, tieWins: boolean): void {
    const mine = this.changedAt.get(projectId) ?? 0
    if (changedAt < mine || (changedAt === mine && !tieWins)) return
    this.update(projectId, { ...EMPTY_MEETING, ...meeting })
    this.changedAt.set(projectId, changedAt)
  }

  /** Stop the lead timers (server shutdown). */
  close(): void {
    for (const timer of this.leadEnds.values()) clearTimeout(timer)
    this.leadEnds.clear()
  }

  private update(projectId: string, change: Partial<ProjectMeeting>): void {
    const current = this.meetings.get(projectId) ?? EMPTY_MEETING
    const next = { ...current, ...change }
    this.meetings.set(projectId, next)
    this.changedAt.set(projectId, Date.now())
    if ('lead' in change) this.scheduleLeadEnd(projectId, next.lead)
    for (const listener of this.listeners) listener(projectId)
  }

  /**
   * Lifecycle edge: a lead ends by itself — its presenter's page stopped renewing it (a closed lid, a
   * lost network) or its time is up — and nothing else happens at that moment. A timer at that moment
   * drops it and pushes the state, so followers let go at once instead of holding a dead presenter's
   * view. Each move or renewal replaces the timer, so there is at most one per project.
   */
  private scheduleLeadEnd(projectId: string, lead: MeetingLead | null): void {
    clearTimeout(this.leadEnds.get(projectId))
    this.leadEnds.delete(projectId)
    if (!lead) return
    const endsAt = Math.min(lead.at + LEAD_TTL_MS + 1, lead.until ?? Infinity)
    const timer = setTimeout(() => {
      this.leadEnds.delete(projectId)
      const m = this.meetings.get(projectId)
      // Race: a newer lead (another id) or a renewal replaced this timer's lead; it is not ours to end.
      if (m?.lead?.id !== lead.id) return
      if (leadHolds(m.lead, Date.now())) this.scheduleLeadEnd(projectId, m.lead)
      else this.update(projectId, { lead: null })
    }, Math.max(0, endsAt - Date.now()))
    timer.unref()
    this.leadEnds.set(projectId, timer)
  }
}
