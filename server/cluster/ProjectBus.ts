/**
 * Project events between instances (REDIS_URL): what one instance's Workflow, Participation and
 * Facilitation announce is published on the relay, and what the others announce is applied here as
 * if it had happened here — the caches refreshed, this instance's sync connections re-checked or
 * closed, and its project event streams (server/http/projectEvents.ts) told. So a stage move, a
 * revoked link, a closed vote or a raised hand made through instance A shows on B's streams and
 * acts on B's connections, within the relay's latency.
 */
import { CloseCode } from '../../src/shared/protocol.js'
import type { Facilitation, ProjectMeeting } from '../participation/Facilitation.js'
import type { Participation } from '../participation/Participation.js'
import type { Relay, RelayEvent } from '../sync/relay/Relay.js'
import type { Workflow, WorkflowEvent } from '../workflow/Workflow.js'

export interface ProjectBusSources {
  workflow: Workflow
  participation: Participation
  facilitation: Facilitation
}

export class ProjectBus {
  /**
   * True while an event from elsewhere is being applied. Why: applying it makes the services tell
   * their listeners, this bus among them, synchronously; those announcements must not be published
   * again, or every event would bounce between instances forever.
   */
  private applying = false
  private readonly unsubscribe: (() => void)[]

  constructor(private readonly relay: Relay, private readonly sources: ProjectBusSources, private readonly log: (line: string) => void) {
    const { workflow, participation, facilitation } = sources
    this.unsubscribe = [
      workflow.subscribe((event) => this.publish(workflowEvent(event))),
      participation.subscribe((projectId) => this.publish({ type: 'participation', projectId })),
      facilitation.subscribe((projectId) => this.publish({ type: 'facilitation', projectId, ...facilitation.meeting(projectId) })),
      relay.onEvent((event) => this.apply(event)),
      // Lifecycle edge: events missed while Redis was away are gone; every stream is sent the
      // project's state and participation again, which is what a missed event would have done.
      relay.onGap(() => this.refreshAll()),
    ]
  }

  close(): void {
    for (const u of this.unsubscribe) u()
  }

  private publish(event: RelayEvent): void {
    if (!this.applying) this.relay.publishEvent(event)
  }

  private apply(event: RelayEvent): void {
    const { workflow, participation, facilitation } = this.sources
    this.applying = true
    try {
      switch (event.type) {
        case 'projectChanged':
          return workflow.applyElsewhere({ type: 'projectChanged', projectId: event.projectId }, CloseCode.forbidden)
        case 'linkRevoked':
          return workflow.applyElsewhere({ type: 'linkRevoked', link: event.link as Extract<WorkflowEvent, { type: 'linkRevoked' }>['link'] }, CloseCode.forbidden)
        case 'participantRenamed':
          return workflow.applyElsewhere({ type: 'participantRenamed', participant: event.participant as Extract<WorkflowEvent, { type: 'participantRenamed' }>['participant'] }, CloseCode.forbidden)
        case 'participation':
          return participation.changed(event.projectId)
        case 'facilitation':
          return facilitation.replaceMeeting(event.projectId, event.meeting as ProjectMeeting, Number(event.changedAt),
            String(event.from) > this.relay.instanceId)
        default:
          return
      }
    } catch (err) {
      this.log(`cluster: applying a ${event.type} event from another instance failed: ${String(err)}`)
    } finally {
      this.applying = false
    }
  }

  /**
   * After a gap: every project this instance knows is re-announced locally (stage, links and
   * participation are read from storage again), and its meetings, which live only in memory, are
   * published again: every instance keeps the newest of each.
   */
  private refreshAll(): void {
    const { workflow, participation, facilitation } = this.sources
    this.applying = true
    try {
      for (const projectId of workflow.cachedProjects()) {
        workflow.applyElsewhere({ type: 'projectChanged', projectId }, CloseCode.forbidden)
        participation.changed(projectId)
      }
    } catch (err) {
      this.log(`cluster: catching up after a relay gap failed: ${String(err)}`)
    } finally {
      this.applying = false
    }
    for (const projectId of facilitation.projects()) this.publish({ type: 'facilitation', projectId, ...facilitation.meeting(projectId) })
  }
}

function workflowEvent(event: WorkflowEvent): RelayEvent {
  switch (event.type) {
    case 'projectChanged': return { type: event.type, projectId: event.projectId }
    case 'linkRevoked': return { type: event.type, projectId: event.link.projectId, link: event.link }
    case 'participantRenamed': return { type: event.type, projectId: event.participant.projectId, participant: event.participant }
  }
}
