import { useEffect } from 'react'
import { createPortal } from 'react-dom'
import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/lang'
import type { Role } from '../shared/workflow'

interface PrintQrSheetProps {
  qr: string
  projectName: string
  role: Role
  expiresAt: number | null
  onDone: () => void
}

/**
 * A one-page sheet to pin up at a residents' meeting: the QR code, the project, the role and one
 * plain instruction. Rendered into <body> beside the app and printed with the page's own print
 * dialog (workflow.css hides everything else in print), so no pop-up window can be blocked.
 */
export function PrintQrSheet({ qr, projectName, role, expiresAt, onDone }: PrintQrSheetProps) {
  const { t, lang } = useI18n()
  const s = t.workflow.share

  useEffect(() => {
    document.body.classList.add('wf-printing')
    const finish = () => onDone()
    window.addEventListener('afterprint', finish)
    // After the sheet is in the DOM and laid out; print() blocks until the dialog closes in most
    // browsers, and returns at once in others (then afterprint comes later).
    const timer = window.setTimeout(() => window.print(), 50)
    return () => {
      window.clearTimeout(timer)
      window.removeEventListener('afterprint', finish)
      document.body.classList.remove('wf-printing')
    }
  }, [onDone])

  return createPortal(
    <div className="wf-print-sheet" aria-hidden="true">
      <h1>{format(s.printTitle, { project: projectName })}</h1>
      <p className="wf-print-sheet__role">{format(s.printRole, { role: t.workflow.roles[role] })}</p>
      <img src={qr} alt="" className="wf-print-sheet__qr" />
      <p className="wf-print-sheet__steps">{s.printSteps}</p>
      {expiresAt !== null && (
        <p className="wf-print-sheet__expires">{format(s.printExpires, { time: new Date(expiresAt).toLocaleString(lang) })}</p>
      )}
    </div>,
    document.body,
  )
}
