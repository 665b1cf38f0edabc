import { useState } from 'react'
import { ApiRequestError } from '../net/api'
import { saveBlob } from '../export/saveBlob'
import { useI18n } from '../i18n/I18nProvider'
import { downloadCsv } from './workspaceClient'

/** WeChat's built-in browser drops downloads silently: say so before anyone waits for a file. */
const IN_WECHAT = typeof navigator !== 'undefined' && /MicroMessenger/i.test(navigator.userAgent)

/** A spreadsheet download of the workspace (fetched with its token, then handed to the browser). */
export function CsvButton(props: { workspaceId: string; token: string; kind: 'overview' | 'weekly' | 'lists'; query?: string; label: string; fileName: string }) {
  const { t, lang } = useI18n()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const onClick = async () => {
    setBusy(true)
    setError(null)
    try {
      const tz = Intl.DateTimeFormat().resolvedOptions().timeZone
      const query = `lang=${lang === 'en' ? 'en' : 'zh-CN'}&tz=${encodeURIComponent(tz)}${props.query ? `&${props.query}` : ''}`
      saveBlob(await downloadCsv(props.workspaceId, props.token, props.kind, query, { t, lang }), props.fileName)
    } catch (err) {
      setError(err instanceof ApiRequestError ? err.describe(t, lang) : t.errors.network)
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="ws-csv">
      <button type="button" className="button" data-testid={`workspace-csv-${props.kind}`} disabled={busy} onClick={() => void onClick()}>
        {props.label}
      </button>
      {IN_WECHAT && <p className="ws-hint" data-testid="wechat-hint">{t.workspace.wechatHint}</p>}
      {error && <p className="field-error" role="alert">{error}</p>}
    </div>
  )
}
