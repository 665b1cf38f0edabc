/**
 * Moderation (docs/api.md, "Moderation"; rules in docs/permissions.md): the organizer and the
 * committee hide a need, a need's photo or a comment with a reason, and restore it. Nothing is
 * deleted: each hide and restore is appended to the project's moderation log, and what a viewer gets
 * follows from it (moderatedView.ts).
 */
import {
  HIDE_NOTE_MAX, HIDE_REASONS, MODERATION_TARGET_KINDS, seesHidden, type ModerationEntry, type ModerationTarget,
} from '../../src/shared/moderation.js'
import type { ParticipationResponse } from '../../src/shared/participation.js'
import { newId } from '../workflow/Workflow.js'
import { changed, type ActionDeps } from './actionDeps.js'
import { requireAction, type Caller } from './caller.js'
import type { Participation } from './Participation.js'
import { isId, object, oneOf, text, type Body, type BodyReader } from './participationInput.js'
import { ParticipationError } from './ParticipationError.js'

/**
 * Security: whether `target` (by `authorId`) is hidden from this caller — then every action on it
 * answers as if it did not exist (not_found), so a tampered client cannot tick, comment on or even
 * confirm the existence of what it was not shown.
 */
export function withheldFrom(participation: Participation, c: Caller, target: ModerationTarget, authorId: string | null): boolean {
  if (seesHidden(c.link.role)) return false
  if (c.participant !== null && authorId === c.participant.id) return false
  return participation.moderation.isHidden(c.project.id, target)
}

export class ModerationActions {
  constructor(private readonly deps: ActionDeps) {}

  /** The target must exist in this project: a live or merged need, a need that has a photo, a comment. */
  private target(c: Caller, body: Body): ModerationTarget {
    const { participation } = this.deps
    const raw = object(body, 'target')
    const kind = oneOf(raw, 'kind', MODERATION_TARGET_KINDS)
    const id = raw.id
    if (!isId(id)) throw new ParticipationError(400, 'invalid_target', '"target.id" must be the id of a need or a comment of this project.')
    if (kind === 'comment') {
      if (!participation.comments.getComment(c.project.id, id)) {
        throw new ParticipationError(404, 'comment_not_found', 'This project has no comment with that id; reload to see the current list.')
      }
    } else {
      const need = participation.needs.get(c.project.id, id)
      if (!need) throw new ParticipationError(404, 'need_not_found', 'This project has no need with that id; reload to see the current list.')
      if (kind === 'photo' && need.photoSrc === null) {
        throw new ParticipationError(400, 'invalid_target', 'This need has no photo to hide; hide the need itself instead.')
      }
    }
    return { kind, id }
  }

  async hide(c: Caller, input: BodyReader): Promise<ParticipationResponse> {
    requireAction(c, 'moderate', 'hide what others wrote')
    const body = await input()
    const target = this.target(c, body)
    const reason = oneOf(body, 'reason', HIDE_REASONS)
    // "Other" says nothing by itself: the author must be told why in words.
    const note = text(body, 'note', HIDE_NOTE_MAX, reason === 'other', true)
    const entry: ModerationEntry = { id: newId(), target, action: 'hide', reason, note, by: c.actor, at: Date.now() }
    if (!this.deps.participation.moderation.append(c.project.id, entry)) {
      throw new ParticipationError(409, 'already_hidden', 'This is hidden already; reload to see who hid it and why.')
    }
    return changed(this.deps.participation, c, { id: entry.id })
  }

  async restore(c: Caller, input: BodyReader): Promise<ParticipationResponse> {
    requireAction(c, 'moderate', 'restore hidden items')
    const body = await input()
    const target = this.target(c, body)
    const entry: ModerationEntry = { id: newId(), target, action: 'restore', reason: null, note: '', by: c.actor, at: Date.now() }
    if (!this.deps.participation.moderation.append(c.project.id, entry)) {
      throw new ParticipationError(409, 'not_hidden', 'This is not hidden (maybe someone restored it just now); reload to see.')
    }
    return changed(this.deps.participation, c, { id: entry.id })
  }
}
