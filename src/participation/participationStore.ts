/**
 * This board's copy of the server's participation state (needs, options, comments, votes…) and of
 * the meeting's facilitation state. Fed by the project's event stream and by the answer of every
 * call this person makes; read by React through useSyncExternalStore.
 *
 * Race: an answer and an event can arrive in either order, and a GET can answer after a newer
 * event. The server stamps every participation state with a growing `revision`; an older one never
 * replaces a newer one.
 */
import type { FacilitationState, ParticipationState } from '../shared/participation'

export interface ParticipationSnapshot {
  participation: ParticipationState | null
  facilitation: FacilitationState | null
  /** Server clock minus this device's clock (ms), from the last facilitation state; for the timer. */
  clockOffset: number
  /**
   * The presenter's lead this person stepped out of (looks around alone), or null: following. Here,
   * not in a component, so the choice holds across the light view's handover to the editor; a
   * reload forgets it and follows again (the lead itself comes back from the server).
   */
  steppedOutOf: string | null
}

export class ParticipationStore {
  private snapshot: ParticipationSnapshot = { participation: null, facilitation: null, clockOffset: 0, steppedOutOf: null }
  private readonly listeners = new Set<() => void>()

  get = (): ParticipationSnapshot => this.snapshot

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  applyParticipation(next: ParticipationState): void {
    const current = this.snapshot.participation
    if (current && next.revision < current.revision) return
    this.set({ ...this.snapshot, participation: next })
  }

  applyFacilitation(next: FacilitationState): void {
    this.set({ ...this.snapshot, facilitation: next, clockOffset: next.serverNow - Date.now() })
  }

  /** Step out of the lead `leadId` (null: follow again). */
  stepOut(leadId: string | null): void {
    if (this.snapshot.steppedOutOf !== leadId) this.set({ ...this.snapshot, steppedOutOf: leadId })
  }

  private set(next: ParticipationSnapshot): void {
    this.snapshot = next
    for (const listener of this.listeners) listener()
  }
}

/** The checks of an event's (or an answer's) state: the same the API client makes (src/shared/participation.ts). */
export { isFacilitationState, isParticipationState } from '../shared/participation'
