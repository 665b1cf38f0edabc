import { useEffect, useId, useRef, type ReactNode } from 'react'
import { useI18n } from '../i18n/I18nProvider'

interface DialogProps {
  title: string
  testId: string
  onClose: () => void
  children: ReactNode
  /**
   * 'sheet': a wide panel (full screen on a phone); 'alert': a small centred question; 'peek': a
   * panel about something on the plan — on a phone a sheet over the lower half, so the plan above
   * stays in view (the caller brings the thing into that part).
   */
  size?: 'sheet' | 'alert' | 'peek'
}

/**
 * A modal panel over the board: Escape or the close button closes it, focus moves into it and back
 * to where it was when it closes. On a phone it fills the screen, so nothing sits under a thumb.
 */
export function Dialog({ title, testId, onClose, children, size = 'sheet' }: DialogProps) {
  const { t } = useI18n()
  const id = useId()
  const panelRef = useRef<HTMLDivElement>(null)
  const onCloseRef = useRef(onClose)
  useEffect(() => {
    onCloseRef.current = onClose
  })

  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null
    panelRef.current?.focus()
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      // Only the topmost dialog closes (a confirmation above a panel).
      const dialogs = document.querySelectorAll('.wf-dialog')
      if (dialogs[dialogs.length - 1] !== panelRef.current?.parentElement) return
      event.stopPropagation()
      onCloseRef.current()
    }
    // Capture phase: tldraw also listens for Escape (to cancel a tool) and must not eat this one.
    window.addEventListener('keydown', onKey, true)
    return () => {
      window.removeEventListener('keydown', onKey, true)
      before?.focus({ preventScroll: true })
    }
  }, [])

  return (
    // No close on a tap beside the panel: a link shown only once must not vanish by a slip of the finger.
    <div className={`modal-backdrop wf-dialog wf-dialog--${size}`}>
      <div
        ref={panelRef}
        className="wf-dialog__panel"
        role={size === 'alert' ? 'alertdialog' : 'dialog'}
        aria-modal="true"
        aria-labelledby={id}
        data-testid={testId}
        tabIndex={-1}
      >
        <div className="wf-dialog__head">
          <h2 id={id} className="wf-dialog__title">{title}</h2>
          {size !== 'alert' && (
            <button type="button" className="button wf-dialog__close" onClick={onClose}>
              {t.workflow.tools.close}
            </button>
          )}
        </div>
        <div className="wf-dialog__body">{children}</div>
      </div>
    </div>
  )
}
