/**
 * What of a project's participation one viewer may have, as far as moderation goes (the rules are in
 * docs/permissions.md, "Moderation"). Kept apart from the rest of the view (participationView.ts)
 * so other visibility rules can sit next to it as functions of the same shape: data in, the
 * viewer's data out.
 */
import type { HiddenMark } from '../../src/shared/moderation.js'
import { seesHidden } from '../../src/shared/moderation.js'
import type { Role } from '../../src/shared/workflow.js'
import { hiddenNow, targetKey } from './moderationStore.js'
import type { ProjectParticipation } from './participationView.js'

/** Who is looking: their participant (null: a bare link) and their link's role (null: nobody in particular). */
export interface Viewer {
  participantId: string | null
  role: Role | null
  /**
   * A public document made for this viewer (the CSVs, the PDF report): as far as moderation goes it
   * is the public's view whoever asked — no hidden item, not even the exporter's own, and every phone
   * and ID-card number masked — while other rules (a private period) still follow the viewer.
   */
  publicDocument?: boolean
}

/** Nobody in particular (a read-back, a test): no own items, no moderator's view, numbers masked. */
export const PUBLIC_VIEWER: Viewer = { participantId: null, role: null }

/** The viewer a public document is made for (docs/permissions.md, "Moderation"). */
export function documentFor(viewer: Viewer): Viewer {
  return { ...viewer, publicDocument: true }
}

export interface ModeratedData {
  data: ProjectParticipation
  /** The hidden mark of each item this viewer gets and may know is hidden, by targetKey (need:…, photo:…, comment:…). */
  marks: Map<string, HiddenMark>
}

/**
 * Security: a hidden item leaves the data before anything is built from it, so no later step
 * (counts, links, threads, exports) can leak it. A hidden need takes its ticks, photo, option links
 * and comment threads with it; a hidden photo leaves the need's photoSrc null; a hidden comment
 * leaves its thread (and a thread with no comment left goes too). The author keeps their own items,
 * and the organizer and committee keep everything, with the marks saying what is hidden and why;
 * only they get the log.
 */
export function moderatedFor(data: ProjectParticipation, viewer: Viewer): ModeratedData {
  const hidden = hiddenNow(data.moderation)
  const moderator = seesHidden(viewer.role) && !viewer.publicDocument
  const own = (participantId: string | null) => !viewer.publicDocument && viewer.participantId !== null && participantId === viewer.participantId
  const marks = new Map<string, HiddenMark>()
  const keeps = (key: string, authorId: string | null): boolean => {
    const mark = hidden.get(key)
    if (!mark) return true
    if (!moderator && !own(authorId)) return false
    marks.set(key, mark)
    return true
  }
  if (moderator && hidden.size === 0) return { data, marks }

  const needs = data.needs.filter((n) => keeps(targetKey({ kind: 'need', id: n.id }), n.author.participantId))
    .map((n) => (keeps(targetKey({ kind: 'photo', id: n.id }), n.author.participantId) ? n : { ...n, photoSrc: null }))
  const needIds = new Set(needs.map((n) => n.id))
  const comments = data.comments.filter((c) => keeps(targetKey({ kind: 'comment', id: c.id }), c.author.participantId))
  const threadsWithComments = new Set(comments.map((c) => c.threadId))
  const threads = data.threads.filter((t) => threadsWithComments.has(t.id) && (t.target.kind !== 'need' || needIds.has(t.target.id)))
  const threadIds = new Set(threads.map((t) => t.id))
  return {
    data: {
      ...data,
      needs,
      ticks: data.ticks.filter((t) => needIds.has(t.needId)),
      links: data.links.filter((l) => needIds.has(l.needId)),
      threads,
      comments: comments.filter((c) => threadIds.has(c.threadId)),
      moderation: moderator ? data.moderation : [],
    },
    marks,
  }
}
