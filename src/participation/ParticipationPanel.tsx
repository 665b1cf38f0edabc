/**
 * The participation side panel of a project board (a bottom sheet on a phone): one tab per kind of
 * contribution. It opens on what the current stage asks for, so a resident's phone shows that first.
 * Rendered as a child of <Tldraw>, so tabs can use the editor (jump to a pin, zoom to an option).
 */
import { useEffect, useState } from 'react'
import { useI18n } from '../i18n/I18nProvider'
import type { Stage } from '../shared/workflow'
import { useParticipationUi } from './ParticipationContext'
import { NeedsTab } from './needs/NeedsTab'
import { OptionsTab } from './options/OptionsTab'
import { CommentsTab } from './negotiate/CommentsTab'
import { VotesTab } from './negotiate/VotesTab'
import { AgreeTab } from './negotiate/AgreeTab'
import { onThreadFocus } from './negotiate/threadFocus'
import { LargeTextToggle } from './needs/LargeTextToggle'
import './participation.css'

export const PANEL_TABS = ['needs', 'options', 'comments', 'votes', 'agree'] as const
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
}

/** The tab each stage opens on. */
export const STAGE_TAB: Record<Stage, PanelTab> = {
  organize: 'needs',
  needs: 'needs',
  siteVisit: 'options',
  negotiate: 'votes',
  agreed: 'agree',
}

export function ParticipationPanel() {
  const ui = useParticipationUi()
  const { t } = useI18n()
  const stage = ui?.stage
  const [tab, setTab] = useState<PanelTab>(stage ? STAGE_TAB[stage] : 'needs')
  const [open, setOpen] = useState(false)
  // A stage move brings the panel to what the new stage asks for.
  useEffect(() => {
    if (stage) setTab(STAGE_TAB[stage])
  }, [stage])
  // A comment marker tapped on the canvas opens its thread here.
  useEffect(
    () =>
      onThreadFocus(() => {
        setTab('comments')
        setOpen(true)
      }),
    [],
  )
  if (!ui) return null
  const labels = t.participation.tabs
  const tabs = ui.role === 'resident' ? RESIDENT_TABS[ui.stage] : PANEL_TABS
  const shown = tabs.includes(tab) ? tab : tabs[0]
  return (
    <aside className={`participation-panel${open ? ' participation-panel--open' : ''}`} data-testid="participation-panel" data-tab={shown}>
      <button
        type="button"
        className="participation-panel__toggle"
        aria-expanded={open}
        data-testid="participation-toggle"
        onClick={() => setOpen(!open)}
      >
        {open ? t.participation.hidePanel : labels[shown]}
      </button>
      {open && (
        <>
          <nav className="participation-panel__tabs" role="tablist">
            {tabs.map((id) => (
              <button
                key={id}
                type="button"
                role="tab"
                aria-selected={shown === id}
                data-testid={`tab-${id}`}
                className={`participation-panel__tab${shown === id ? ' participation-panel__tab--on' : ''}`}
                onClick={() => setTab(id)}
              >
                {labels[id]}
              </button>
            ))}
          </nav>
          <div className="participation-panel__body" role="tabpanel">
            <LargeTextToggle className="participation-panel__large-text" />
            {shown === 'needs' && <NeedsTab />}
            {shown === 'options' && <OptionsTab />}
            {shown === 'comments' && <CommentsTab />}
            {shown === 'votes' && <VotesTab />}
            {shown === 'agree' && <AgreeTab />}
          </div>
        </>
      )}
    </aside>
  )
}
