import { useI18n } from '../i18n/I18nProvider'

/**
 * The server said it cannot save (its disk is full…). Nothing is lost and nothing needs doing: edits
 * stay on this device and go out by themselves once it recovers, so no button — only the reason
 * others do not see new changes meanwhile. `role="status"`: polite, it must not interrupt drawing.
 */
export function StorageFailingBanner() {
  const { t } = useI18n()
  return (
    <div className="board-banner" role="status" data-testid="storage-failing">
      <span>{t.board.storageFailing}</span>
    </div>
  )
}
