/**
 * What the stage bar and the read-only note say, derived from the permission table
 * (src/shared/workflow.ts) so the words never promise what the server would refuse.
 */
import type { Lang, Strings } from './lang'
// Not through ./lang, which also loads the string tables: the boot script (src/app/bootView.ts)
// words the stage bar with these functions and carries no table.
import { format } from '../shared/i18n/messages'
import { can, isRole, PERMISSIONS, STAGES, type Role, type Stage } from '../shared/workflow'

/** What `role` is asked to do in `stage`. */
export function guidanceFor(t: { workflow: Pick<Strings['workflow'], 'guidance'> }, role: Role, stage: Stage): string {
  return t.workflow.guidance[role][stage]
}

/** The first stage after `stage` in which `role` may draw again, if any. */
export function nextDrawingStage(role: Role, stage: Stage): Stage | undefined {
  return STAGES.slice(STAGES.indexOf(stage) + 1).find((s) => can(role, s, 'draw'))
}

/** The roles that may draw in `stage`, in the table's order. */
export function drawingRoles(stage: Stage): readonly Role[] {
  return PERMISSIONS[stage].draw
}

/**
 * Why this person cannot draw now, in plain words; null when they can. E.g. 现在是“组织搭平台”阶段，
 * 居民暂时只能看，不能画。到“收集需求”阶段就可以在图上画和写了。
 */
export function readonlyReason(t: { workflow: Pick<Strings['workflow'], 'readonly' | 'stages' | 'roles'> }, lang: Lang, role: Role, stage: Stage): string | null {
  if (can(role, stage, 'draw')) return null
  const w = t.workflow
  const now = format(w.readonly.now, { stage: w.stages[stage], role: w.roles[role] })
  const later = nextDrawingStage(role, stage)
  if (later) return `${now}${lang === 'en' ? ' ' : ''}${format(w.readonly.later, { stage: w.stages[later] })}`
  const list = new Intl.ListFormat(lang, { type: 'conjunction' }).format(drawingRoles(stage).map((r) => w.roles[r]))
  return `${now}${lang === 'en' ? ' ' : ''}${format(w.readonly.drawnBy, { roles: list })}`
}

/**
 * Who made a stage move or a snapshot, in words. A move made through the API without a name by a
 * role link without a label is recorded under the role's id (server/http/projectRoutes.ts: `link.role`),
 * which would show as the English word "organizer": such a name is shown as the role's own label.
 */
export function byNameText(t: Strings, byName: string | null | undefined): string {
  if (!byName) return t.workflow.history.unknownName
  return isRole(byName) ? t.workflow.roles[byName] : byName
}
