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
import './participation.css'

export const PANEL_TABS = ['needs', 'options', 'comments', 'votes', 'agree'] as const
export type PanelTab = (typeof PANEL_TABS)[number]

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
  if (!ui) return null
  const labels = t.participation.tabs
  return (
    <aside className={`participation-panel${open ? ' participation-panel--open' : ''}`} data-testid="participation-panel" data-tab={tab}>
      <button
        type="button"
        className="participation-panel__toggle"
        aria-expanded={open}
        data-testid="participation-toggle"
        onClick={() => setOpen(!open)}
      >
        {open ? t.participation.hidePanel : labels[tab]}
      </button>
      {open && (
        <>
          <nav className="participation-panel__tabs" role="tablist">
            {PANEL_TABS.map((id) => (
              <button
                key={id}
                type="button"
                role="tab"
                aria-selected={tab === id}
                data-testid={`tab-${id}`}
                className={`participation-panel__tab${tab === id ? ' participation-panel__tab--on' : ''}`}
                onClick={() => setTab(id)}
              >
                {labels[id]}
              </button>
            ))}
          </nav>
          <div className="participation-panel__body" role="tabpanel">
            {tab === 'needs' && <NeedsTab />}
            {tab === 'options' && <OptionsTab />}
            {tab === 'comments' && <CommentsTab />}
            {tab === 'votes' && <VotesTab />}
            {tab === 'agree' && <AgreeTab />}
          </div>
        </>
      )}
    </aside>
  )
}
