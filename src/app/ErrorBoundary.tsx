import { dismissBootView } from '../ui/bootHandover'
import { Component, type ReactNode } from 'react'
import { useI18n } from '../i18n/I18nProvider'

interface State {
  failed: boolean
}

/**
 * Last line of defence: an unexpected render error shows a way out (reload) instead of a blank
 * page. Drawings are not at risk here: the sync layer has already kept them on this device.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { failed: false }

  static getDerivedStateFromError(): State {
    return { failed: true }
  }

  componentDidCatch(error: unknown): void {
    console.error('Render failed', error)
    // The message must be seen, not the boot view's picture over it (src/app/bootView.ts).
    dismissBootView()
  }

  render() {
    return this.state.failed ? <CrashMessage /> : this.props.children
  }
}

function CrashMessage() {
  const { t } = useI18n()
  return (
    <main className="page page--center" role="alert">
      <div className="card message-card">
        <h1>{t.app.crashTitle}</h1>
        <p>{t.app.crashBody}</p>
        <div className="message-card__actions">
          <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
            {t.app.reload}
          </button>
          <a href="/" className="button">{t.app.backHome}</a>
        </div>
      </div>
    </main>
  )
}
