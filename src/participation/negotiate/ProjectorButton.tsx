/**
 * 投影模式 in the stage bar, for whoever may facilitate. Not on a phone-sized screen: a phone is no
 * projector, and there the stage bar's room is the plan's.
 */
import { useI18n } from '../../i18n/I18nProvider'
import { openProjector } from './projectorMode'
import './projectorButton.css'

export function ProjectorButton({ onOpen }: { onOpen: () => void }) {
  const { t } = useI18n()
  return (
    <button
      type="button"
      className="button wf-tool wf-tool--projector"
      data-testid="open-projector"
      title={t.negotiate.projector.openLabel}
      onClick={() => {
        onOpen()
        openProjector()
      }}
    >
      {t.negotiate.projector.open}
    </button>
  )
}
