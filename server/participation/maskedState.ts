/**
 * A ParticipationState with phone and ID-card numbers masked in every free text and name
 * (src/shared/personalNumbers.ts) — what everyone but the committee gets (docs/permissions.md,
 * "Moderation"). Field by field rather than every string, so ids and photo addresses stay intact.
 */
import type { HiddenMark, ModerationEntry } from '../../src/shared/moderation.js'
import type { Actor, ParticipationState } from '../../src/shared/participation.js'
import { maskPersonalNumbers as m } from '../../src/shared/personalNumbers.js'

const actor = (a: Actor): Actor => ({ ...a, name: m(a.name) })
const maybeActor = (a: Actor | null): Actor | null => (a ? actor(a) : null)
const mark = (h: HiddenMark | null | undefined): HiddenMark | null => (h ? { ...h, note: m(h.note), by: actor(h.by) } : null)
const entry = (e: ModerationEntry): ModerationEntry => ({ ...e, note: m(e.note), by: actor(e.by) })

export function maskedState(s: ParticipationState): ParticipationState {
  return {
    ...s,
    needs: s.needs.map((n) => ({ ...n, text: m(n.text), author: actor(n.author), hidden: mark(n.hidden), photoHidden: mark(n.photoHidden) })),
    options: s.options.map((o) => ({ ...o, title: m(o.title), description: m(o.description), author: actor(o.author) })),
    threads: s.threads.map((t) => ({
      ...t,
      resolvedBy: maybeActor(t.resolvedBy),
      comments: t.comments.map((c) => ({ ...c, text: m(c.text), author: actor(c.author), hidden: mark(c.hidden) })),
    })),
    votes: s.votes.map((v) => ({
      ...v,
      openedBy: actor(v.openedBy),
      closedBy: maybeActor(v.closedBy),
      results: v.results && v.results.map((r) => ({ ...r, voters: r.voters && r.voters.map((p) => ({ ...p, name: m(p.name) })) })),
    })),
    revisions: s.revisions.map((r) => ({
      ...r, text: m(r.text), author: actor(r.author), doneBy: maybeActor(r.doneBy),
      answers: r.answers.map((a) => ({ ...a, text: m(a.text), author: actor(a.author) })),
    })),
    approvals: s.approvals.map((a) => ({ ...a, name: m(a.name) })),
    agreements: s.agreements.map((a) => ({ ...a, byName: m(a.byName), approvals: a.approvals.map((p) => ({ ...p, name: m(p.name) })) })),
    reopens: s.reopens.map((r) => ({ ...r, reason: m(r.reason), byName: m(r.byName) })),
    moderation: (s.moderation ?? []).map(entry),
    tasks: s.tasks?.map((t) => ({
      ...t, title: m(t.title), description: m(t.description), responsible: m(t.responsible), author: actor(t.author),
      history: t.history.map((e) => ({ ...e, reason: m(e.reason), by: actor(e.by) })),
      photos: t.photos.map((p) => ({ ...p, by: actor(p.by) })),
      verdicts: t.verdicts.map((v) => ({ ...v, comment: m(v.comment), name: v.name === null ? null : m(v.name), enteredBy: v.enteredBy === null ? null : m(v.enteredBy) })),
      mine: t.mine && { ...t.mine, comment: m(t.mine.comment) },
    })),
  }
}
