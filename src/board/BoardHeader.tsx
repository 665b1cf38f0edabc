import { LargeTextToggle } from '../ui/LargeTextToggle'
import { Link } from '../ui/router'
import { useI18n } from '../i18n/I18nProvider'
import { LangSwitch } from '../i18n/LangSwitch'
import type { SyncStatus } from '../sync'
import { ConnectionStatus } from './ConnectionStatus'

/**
 * A bar above the canvas rather than a panel on it: it never covers tldraw's menus or its
 * bottom toolbar on a phone, and it stays visible in tldraw's focus mode. 大字 (large text) is here,
 * beside the language, so an elderly resident finds it before opening anything.
 */
export function BoardHeader({ boardName, status }: { boardName: string; status: SyncStatus }) {
  const { t } = useI18n()
  return (
    <header className="board-header">
      <Link href="/" className="board-header__home">
        <span aria-hidden="true">‹</span> {t.app.homeLink}
      </Link>
      <h1 className="board-header__title" data-testid="board-title" title={boardName}>
        {boardName}
      </h1>
      <ConnectionStatus status={status} />
      {/* The two display choices side by side, on every board and in every stage. */}
      <LargeTextToggle />
      <LangSwitch />
    </header>
  )
}
