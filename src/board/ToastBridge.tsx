import { useEffect, type RefObject } from 'react'
import { useToasts } from 'tldraw'

/**
 * Rendered as a child of <Tldraw> (inside its UI context) so that code living outside React —
 * the asset store — can show messages with tldraw's own toasts.
 */
export function ToastBridge({ notifyRef }: { notifyRef: RefObject<(message: string) => void> }) {
  const { addToast } = useToasts()
  useEffect(() => {
    const previous = notifyRef.current
    notifyRef.current = (message) => {
      addToast({ title: message, severity: 'error' })
    }
    return () => {
      notifyRef.current = previous
    }
  }, [addToast, notifyRef])
  return null
}
