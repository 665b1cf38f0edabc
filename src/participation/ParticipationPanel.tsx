/**
 * The participation side panel of a project board (a bottom sheet on a phone): one tab per kind of
 * contribution. It opens on what the current stage asks for, so a resident's phone shows that first.
 * Rendered as a child of <Tldraw>, so tabs can use the editor (jump to a pin, zoom to an option).
 *
 * Lifecycle: once opened, the current tab stays mounted while the panel is folded away (hidden, not
 * unmounted), so a comment or an option half typed is still there when the person looks back after
 * checking the plan. Switching tabs is a deliberate move and starts the other tab afresh.
 */
import { useEffect, useState } from 'react'
import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/lang'
import { useParticipationUi } from './ParticipationContext'
import { NeedsTab } from './needs/NeedsTab'
import { OptionsTab } from './options/OptionsTab'
import { CommentsTab } from './negotiate/CommentsTab'
import { VotesTab } from './negotiate/VotesTab'
import { AgreeTab } from './negotiate/AgreeTab'
import { ReopenNotice } from './negotiate/ReopenNotice'
import { onThreadFocus } from './negotiate/threadFocus'
import { onTaskFocus } from './tasks/taskFocus'
import { TasksTab } from './tasks/TasksTab'
import { onPanelFold, onPanelOpenRequest } from './panelFold'
import { panelTabs, STAGE_TAB, type PanelTab } from './panelTabs'
import './participation.css'

export function ParticipationPanel() {
  const ui = useParticipationUi()
  const { t } = useI18n()
  const stage = ui?.stage
  const [tab, setTab] = useState<PanelTab>(stage ? STAGE_TAB[stage] : 'needs')
  // A tab outside the stage's set that the person asked for (by tapping a comment marker).
  const [extra, setExtra] = useState<PanelTab | null>(null)
  const [open, setOpen] = useState(false)
  const [mounted, setMounted] = useState(false)
  // A stage move brings the panel to what the new stage asks for.
  useEffect(() => {
    if (!stage) return
    setTab(STAGE_TAB[stage])
    setExtra(null)
  }, [stage])
  // Looking at an option on a phone folds the sheet away (the tab stays mounted, kept as it was).
  useEffect(() => onPanelFold(() => setOpen(false)), [])
  // The light view's panel button, tapped before this panel was there (src/lightView).
  useEffect(
    () =>
      onPanelOpenRequest(() => {
        setOpen(true)
        setMounted(true)
      }),
    [],
  )
  // A comment marker tapped on the canvas opens its thread here.
  useEffect(
    () =>
      onThreadFocus(() => {
        setTab('comments')
        setExtra('comments')
        setOpen(true)
        setMounted(true)
      }),
    [],
  )
  // A task's pin tapped on the plan opens the task list there.
  useEffect(
    () =>
      onTaskFocus(() => {
        setTab('tasks')
        setExtra('tasks')
        setOpen(true)
        setMounted(true)
      }),
    [],
  )
  if (!ui) return null
  const labels = t.participation.tabs
  const tabs = panelTabs(ui.role, ui.stage, extra)
  const shown = tabs.includes(tab) ? tab : tabs[0]
  const toggle = () => {
    setOpen(!open)
    setMounted(true)
  }

  return (
    <aside
      className={`participation-panel${open ? ' participation-panel--open' : ''}`}
      data-testid="participation-panel"
      data-tab={shown}
      aria-label={t.participation.panelLabel}
    >
      {!open && (
        <button type="button" className="participation-panel__toggle" aria-expanded={false} data-testid="participation-toggle" onClick={toggle}>
          {format(t.participation.showPanel, { tab: labels[shown] })}
        </button>
      )}
      {open && (
        // One row: the tabs (scrolling sideways when they do not fit) and 收起 — on a phone the
        // sheet's room belongs to its content, not to two rows of controls.
        <div className="participation-panel__head">
          {tabs.length === 1 ? (
            <h2 className="participation-panel__title" data-testid={`tab-${shown}`}>
              {labels[shown]}
            </h2>
          ) : (
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
          )}
          <button type="button" className="participation-panel__close" aria-expanded data-testid="participation-toggle" onClick={toggle}>
            {t.participation.hidePanel}
          </button>
        </div>
      )}
      {mounted && (
        <div className="participation-panel__body" role="tabpanel" hidden={!open}>
          <ReopenNotice />
          {shown === 'needs' && <NeedsTab active={open} />}
          {shown === 'options' && <OptionsTab active={open} />}
          {shown === 'comments' && <CommentsTab />}
          {shown === 'votes' && <VotesTab />}
          {shown === 'agree' && <AgreeTab />}
          {shown === 'tasks' && <TasksTab />}
        </div>
      )}
    </aside>
  )
}
