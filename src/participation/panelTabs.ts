/**
 * Which tabs of the participation panel a person sees, and which one a stage opens on. Kept apart
 * from the panel so the canvas layer (comment markers) can ask without importing the panel.
 */
import { isAgreedOrLater, type Role, type Stage } from '../shared/workflow'

export const PANEL_TABS = ['needs', 'options', 'comments', 'votes', 'agree', 'tasks'] as const
export type PanelTab = (typeof PANEL_TABS)[number]

/**
 * What a resident's phone shows in each stage: only what the stage asks of them (others see every
 * tab — they run the meeting or prepare what comes next).
 */
export const RESIDENT_TABS: Record<Stage, readonly PanelTab[]> = {
  organize: ['needs'],
  needs: ['needs'],
  siteVisit: ['needs', 'options'],
  negotiate: ['options', 'comments', 'votes'],
  agreed: ['agree', 'options'],
  implement: ['tasks', 'options'],
}

/** The tab each stage opens on. */
export const STAGE_TAB: Record<Stage, PanelTab> = {
  organize: 'needs',
  needs: 'needs',
  siteVisit: 'options',
  negotiate: 'votes',
  agreed: 'agree',
  implement: 'tasks',
}

/**
 * The tabs this person sees now. `extra` is a tab they asked for outside the stage's set (a comment
 * marker tapped on the plan opens the discussion even in a stage that does not list it).
 */
export function panelTabs(role: Role, stage: Stage, extra: PanelTab | null = null): readonly PanelTab[] {
  // The task list exists from 方案定稿 on; before, its tab would be an empty promise.
  const base = role === 'resident' ? RESIDENT_TABS[stage] : isAgreedOrLater(stage) ? PANEL_TABS : PANEL_TABS.filter((tab) => tab !== 'tasks')
  return extra && !base.includes(extra) ? [...base, extra] : base
}
