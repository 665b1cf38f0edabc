/**
 * Why a control is not offered to this person now, in plain words, derived from the permission
 * table (src/shared/workflow.ts) so it never promises what the server would refuse.
 */
import { format, type Lang, type Strings } from '../../i18n/lang'
import { can, STAGES, type Role, type Stage } from '../../shared/workflow'

export type NoteAction = keyof Strings['negotiate']['actions']

/**
 * Null when `role` may do `action` in `stage` (and, for actions that record a person, has joined by
 * name); otherwise one or two sentences: what is not possible now and when it will be.
 */
export function permissionNote(
  t: Strings,
  lang: Lang,
  role: Role,
  stage: Stage,
  action: NoteAction,
  opts: { participantId?: string | null; recordsPerson?: boolean } = {},
): string | null {
  const s = t.negotiate
  const w = t.workflow
  const verb = s.actions[action]
  if (can(role, stage, action)) {
    return opts.recordsPerson && !opts.participantId ? format(s.why.joinFirst, { action: verb }) : null
  }
  const stages = STAGES.filter((st) => can(role, st, action))
  if (stages.length === 0) return format(s.why.never, { role: w.roles[role], action: verb })
  const now = format(s.why.notNow, { stage: w.stages[stage], role: w.roles[role], action: verb })
  const list = new Intl.ListFormat(lang, { type: 'disjunction' }).format(stages.map((st) => `“${w.stages[st]}”`))
  return `${now}${lang === 'en' ? ' ' : ''}${format(s.why.later, { stages: list, action: verb })}`
}
