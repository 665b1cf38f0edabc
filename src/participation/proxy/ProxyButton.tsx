/** "代录": opens the dialog to enter things for a resident without a phone (committee, organizer; where proxyEntry is allowed). */
import { useState } from 'react'
import { createPortal } from 'react-dom'
import { useI18n } from '../../i18n/I18nProvider'
import { useParticipationUi } from '../ParticipationContext'
import { ProxyDialog } from './ProxyDialog'
import './proxy.css'

/** `placeAt`: where a need entered for a resident is pinned (the needs tab gives the middle of the plan in view). */
export function ProxyButton({ placeAt }: { placeAt?: () => { x: number; y: number } }) {
  const ui = useParticipationUi()
  const { t } = useI18n()
  const [open, setOpen] = useState(false)
  // A bare link names nobody, and every entry says who made it: only a named member is offered this.
  if (!ui || !ui.may('proxyEntry') || ui.participantId === null) return null
  return (
    <>
      <button type="button" className="button px-big px-open" data-testid="proxy-open" title={t.proxy.openLabel} onClick={() => setOpen(true)}>
        {t.proxy.open}
        <span className="px-open__hint">{t.proxy.openLabel}</span>
      </button>
      {/* Portalled to <body>: the side panel sits below the board's own controls, and a dialog must cover them all. */}
      {open && createPortal(<ProxyDialog placeAt={placeAt} onClose={() => setOpen(false)} />, document.body)}
    </>
  )
}
