/** Words the needs UI builds from the state: why a control is missing, who wrote a need, when. */
import { format, type Lang, type Strings } from '../../i18n/lang'
import type { Actor } from '../../shared/participation'
import { can, STAGES, type Action, type Role } from '../../shared/workflow'

/** "You (resident) can do this in: Collect needs." — for a control that is not available now. */
export function whenAllowed(t: Strings, lang: Lang, role: Role, action: Action): string {
  const stages = STAGES.filter((s) => can(role, s, action)).map((s) => t.workflow.stages[s])
  const roleName = t.workflow.roles[role]
  if (stages.length === 0) return format(t.needs.cannotEver, { role: roleName })
  return format(t.needs.canIn, { role: roleName, stages: stages.join(lang === 'en' ? ', ' : '、') })
}

/** "王阿姨（居民）" / "Wang (Resident)". */
export function actorText(t: Strings, lang: Lang, actor: Actor): string {
  const role = t.workflow.roles[actor.role]
  return lang === 'en' ? `${actor.name} (${role})` : `${actor.name}（${role}）`
}

/** A short local date and time (one format for every record on the board). */
export { when as timeText } from '../negotiate/when'

/** An error thrown by a call (ApiRequestError: already readable) or a local step, as a sentence. */
export function errorText(err: unknown, t: Strings): string {
  if (err instanceof Error && err.message) return err.message
  return format(t.errors.unknown, { status: '?' })
}
