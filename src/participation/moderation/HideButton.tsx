/** "隐藏" for the organizer and the committee (`moderate`), opening the reason dialog. Nothing for anyone else. */
import { useState } from 'react'
import type { ModerationTarget } from '../../shared/moderation'
import { useParticipationUi } from '../ParticipationContext'
import { HideDialog } from './HideDialog'

export function HideButton({ target, label, className = '' }: { target: ModerationTarget; label: string; className?: string }) {
  const ui = useParticipationUi()
  const [open, setOpen] = useState(false)
  if (!ui?.may('moderate')) return null
  return (
    <>
      <button type="button" className={`button ${className}`.trim()} data-testid={`hide-${target.kind}`} onClick={() => setOpen(true)}>
        {label}
      </button>
      {open && <HideDialog target={target} onClose={() => setOpen(false)} />}
    </>
  )
}
