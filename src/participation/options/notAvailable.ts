/** Why a control is not shown to this person now, in words: the wrong stage (and when they can), or not their role. */
import { format, type Strings } from '../../i18n/lang'
import { PERMISSIONS, STAGES, type Action, type Role, type Stage } from '../../shared/workflow'

/** The stages in which `role` may do every one of `actions`. */
export function stagesAllowing(role: Role, actions: readonly Action[]): Stage[] {
  return STAGES.filter((s) => actions.every((a) => PERMISSIONS[s][a].includes(role)))
}

/** null when the role may do it in no stage at all (the caller then decides whether to say anything). */
export function notInStageText(t: Strings, lang: string, role: Role, stage: Stage, actions: readonly Action[], what: string): string | null {
  const stages = stagesAllowing(role, actions)
  if (stages.length === 0) return null
  return format(t.options.notInStage, {
    stage: t.workflow.stages[stage],
    what,
    stages: stages.map((s) => t.workflow.stages[s]).join(lang === 'en' ? ', ' : '、'),
  })
}
