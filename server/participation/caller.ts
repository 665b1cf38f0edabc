/**
 * Who is acting on a project's participation (link, participant, stage, how they are recorded), and
 * the checks every action starts with: the role × stage table with an error that says whether it is
 * the stage or the role, the organizer's own actions, and a personal token where a person is recorded.
 */
import type { Actor } from '../../src/shared/participation.js'
import { personLabel } from '../../src/shared/identity.js'
import { PERMISSIONS, STAGES, type Action, type Role, type Stage } from '../../src/shared/workflow.js'
import type { LinkRecord, ParticipantRecord, ProjectRecord } from '../workflow/ProjectStore.js'
import type { Access } from '../workflow/Workflow.js'
import type { Viewer } from './moderatedView.js'
import { ParticipationError } from './ParticipationError.js'

export interface Caller {
  project: ProjectRecord
  stage: Stage
  link: LinkRecord
  participant: ParticipantRecord | null
  /** How the caller is recorded: the participant's name, else the link's label or role. */
  actor: Actor
}

export const STAGE_NAMES: Record<Stage, string> = {
  organize: 'Organize', needs: 'Collect needs', siteVisit: 'Site visit', negotiate: 'Negotiate', agreed: 'Agreed',
  implement: 'Implementation',
}

const ROLE_NAMES: Record<Role, string> = { organizer: 'organizer', expert: 'expert', committee: 'committee', resident: 'resident' }

/** The caller an authenticated access stands for (Workflow.authenticate gives it, with the stage of now). */
export function callerOf(access: Pick<Access, 'project' | 'link' | 'participant'>): Caller {
  const { project, link, participant } = access
  const actor: Actor = participant
    // The label (王芳 ②), so namesakes stay two people in every list, ballot count and export.
    ? { participantId: participant.id, name: personLabel(participant), role: link.role }
    : { participantId: null, name: link.label || ROLE_NAMES[link.role], role: link.role }
  return { project, stage: project.stage, link, participant, actor }
}

/** Who the caller is as a viewer of the participation (their own items, their role's view). */
export function viewerOf(c: Caller): Viewer {
  return { participantId: c.participant?.id ?? null, role: c.link.role }
}

/**
 * 403 unless the caller's role may do `action` in the current stage: `wrong_stage` when the role may
 * do it in another stage (wait for it), `not_allowed` when it never may. `what` completes "cannot …".
 */
export function requireAction(c: Caller, action: Action, what: string): void {
  if (PERMISSIONS[c.stage][action].includes(c.link.role)) return
  const stages = STAGES.filter((s) => PERMISSIONS[s][action].includes(c.link.role))
  if (stages.length > 0) {
    throw new ParticipationError(403, 'wrong_stage',
      `You cannot ${what} while the project is in the "${STAGE_NAMES[c.stage]}" stage; a ${ROLE_NAMES[c.link.role]} can in: ${stages.map((s) => STAGE_NAMES[s]).join(', ')}.`)
  }
  const roles = [...new Set(STAGES.flatMap((s) => PERMISSIONS[s][action]))].map((r) => ROLE_NAMES[r])
  throw new ParticipationError(403, 'not_allowed',
    `A ${ROLE_NAMES[c.link.role]} link cannot ${what}${roles.length > 0 ? `; only ${roles.join(', ')} links can` : ''}.`)
}

export function requireOrganizer(c: Caller, what: string): void {
  if (c.link.role !== 'organizer') throw new ParticipationError(403, 'not_allowed', `Only the organizer can ${what}; use the organizer link.`)
}

/**
 * Security: one tick, one ballot, one approval per person needs to know the person. A shared role
 * link (one QR code for a whole building) does not say who is acting, so such actions need the
 * personal token the join answered.
 */
export function requireParticipant(c: Caller): ParticipantRecord {
  if (c.participant) return c.participant
  throw new ParticipationError(403, 'join_first', 'Open the project through your link and enter your name first; this is recorded under your name. (API: join with POST …/participants and use the personal token it answers.)')
}
