import { useI18n } from '../i18n/I18nProvider'
import { Dialog } from '../ui/Dialog'

/**
 * Shown instead of a panel whose code could not be fetched (offline before it was ever cached):
 * the person learns why nothing opened and can close it; the board stays as it was.
 */
export function LoadFailedDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n()
  return (
    <Dialog title={t.app.crashTitle} testId="load-failed" onClose={onClose} size="alert">
      <p className="field-error" role="alert">{t.errors.network}</p>
    </Dialog>
  )
}
