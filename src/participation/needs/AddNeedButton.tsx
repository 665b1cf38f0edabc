import { useEditor } from 'tldraw'
import { useI18n } from '../../i18n/I18nProvider'
import { needsUiState } from './needsUiState'

/**
 * "提需求": starts placing a need. One of them is on screen at a time (so a test or a screen reader
 * finds one): in the needs tab while it shows, else floating over the plan.
 */
export function AddNeedButton({ floating = false }: { floating?: boolean }) {
  const editor = useEditor()
  const { t } = useI18n()
  return (
    <button
      type="button"
      className={`button button--primary cg-add-need${floating ? ' cg-add-need--floating' : ''}`}
      data-testid="add-need"
      onClick={() => needsUiState(editor).sheet.set({ kind: 'picking' })}
    >
      {t.needs.addNeed}
    </button>
  )
}
