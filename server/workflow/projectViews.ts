/** The workflow's records as the JSON shapes of the API contract (src/shared/projectApi.ts). */
import { personLabel } from '../../src/shared/identity.js'
import type { Participant, ProjectInfo, ProjectState, PublicLink, StageMove } from '../../src/shared/projectApi.js'
import type { LinkRecord, ParticipantRecord, ProjectRecord, StageMoveRecord } from './ProjectStore.js'

export function projectInfo(p: ProjectRecord): ProjectInfo {
  return {
    id: p.id, name: p.name, site: p.site, area: p.area, brief: p.brief, createdAt: p.createdAt,
    basePlan: p.basePlan, scale: p.scale,
  }
}

export function stageMove(m: StageMoveRecord): StageMove {
  return { id: m.id, from: m.fromStage, to: m.toStage, byLinkId: m.byLinkId, byName: m.byName, at: m.at }
}

export function participantView(p: ParticipantRecord): Participant {
  return { id: p.id, linkId: p.linkId, role: p.role, name: p.name, unit: p.unit, seq: p.seq, label: personLabel(p), joinedAt: p.joinedAt }
}

export function publicLink(l: LinkRecord): PublicLink {
  return { linkId: l.id, role: l.role, label: l.label, createdAt: l.createdAt, expiresAt: l.expiresAt }
}

/** The part of ProjectState every link of the project sees alike. */
export type SharedProjectState = Omit<ProjectState, 'role' | 'linkId' | 'participantId'>

/** One viewer's view: the shared part plus who is asking (the participant when the token was personal). */
export function stateFor(shared: SharedProjectState, link: LinkRecord, participant: ParticipantRecord | null): ProjectState {
  return { ...shared, role: link.role, linkId: link.id, participantId: participant?.id ?? null }
}
