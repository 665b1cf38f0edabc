/**
 * A button that turns a recorded state on or off (a thread resolved, a revision request done),
 * with the server's refusal shown right under it.
 */
import type { ReactNode } from 'react'
import type { Action } from './useAction'

interface FlagButtonProps {
  action: Action
  on: boolean
  testId: string
  className?: string
  onToggle: () => void
  children: ReactNode
}

export function FlagButton({ action, on, testId, className = '', onToggle, children }: FlagButtonProps) {
  return (
    <>
      <button type="button" className={`button ${className}`.trim()} data-testid={testId} aria-pressed={on} disabled={action.busy} onClick={onToggle}>
        {children}
      </button>
      {action.error && <p className="ng-error" role="alert">{action.error}</p>}
    </>
  )
}
