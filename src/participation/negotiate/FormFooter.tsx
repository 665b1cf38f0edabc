/**
 * The bottom of a negotiate form: the refusal (ours or the server's) right above the buttons the
 * person just pressed, then "send" (busy while it runs) and "cancel".
 */
interface FormFooterProps {
  error: string | null
  errorTestId: string
  busy: boolean
  submitLabel: string
  busyLabel: string
  submitTestId: string
  cancelLabel: string
  cancelTestId?: string
  onCancel: () => void
}

export function FormFooter({ error, errorTestId, busy, submitLabel, busyLabel, submitTestId, cancelLabel, cancelTestId, onCancel }: FormFooterProps) {
  return (
    <>
      {error && <p className="ng-error" role="alert" data-testid={errorTestId}>{error}</p>}
      <div className="ng-actions">
        <button type="submit" className="button button--primary ng-big" data-testid={submitTestId} disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
        <button type="button" className="button" data-testid={cancelTestId} disabled={busy} onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </>
  )
}
