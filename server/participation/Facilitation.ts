/**
 * The in-person meeting's controls, kept in memory only (they mean nothing after the meeting, and a
 * restart simply clears them): the organizer's last "bring everyone to me", the shared countdown and
 * the projector's focus (the option or need under discussion, which followers' screens show too).
 * Every change is pushed to every event stream of the project as a `facilitation` event.
 */
import { randomBytes } from 'node:crypto'
import { FOCUS_TTL_MS, type FacilitationState, type FocusKind, type Gather, type MeetingFocus, type MeetingTimer, type Viewport } from '../../src/shared/participation.js'

interface ProjectMeeting {
  gather: Gather | null
  timer: MeetingTimer | null
  focus: MeetingFocus | null
}

export class Facilitation {
  private readonly meetings = new Map<string, ProjectMeeting>()
  private readonly listeners = new Set<(projectId: string) => void>()

  subscribe(listener: (projectId: string) => void): () => void {
    this.listeners.add(listener)
    return () => { this.listeners.delete(listener) }
  }

  state(projectId: string, now = Date.now()): FacilitationState {
    const m = this.meetings.get(projectId)
    // A focus its projector stopped renewing is a projector that is gone: nobody should follow it.
    const focus = m?.focus && now - m.focus.at <= FOCUS_TTL_MS ? m.focus : null
    return { gather: m?.gather ?? null, timer: m?.timer ?? null, focus, serverNow: now }
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
    this.update(projectId, { timer: null })
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

  private update(projectId: string, change: Partial<ProjectMeeting>): void {
    const current = this.meetings.get(projectId) ?? { gather: null, timer: null, focus: null }
    this.meetings.set(projectId, { ...current, ...change })
    for (const listener of this.listeners) listener(projectId)
  }
}
