import type { ApiErrorCode } from '../net/api'
import { MessagePage } from '../ui/MessagePage'
import { useI18n } from '../i18n/I18nProvider'
import { format, type Strings } from '../i18n/lang'
import type { Role } from '../shared/workflow'

/** Why a link is refused: the server's code, or 'missing_token' when the link had no token at all. */
export type RefusalCode = ApiErrorCode | 'missing_token'

/** The server's refusal codes for a role link (server/workflow/Workflow.ts), worded for people. */
export function refusalText(t: Strings, code: RefusalCode): string {
  switch (code) {
    case 'link_revoked':
      return t.projects.refusedRevoked
    case 'link_expired':
      return t.projects.refusedExpired
    case 'project_not_found':
    case 'invalid_project_id':
      return t.projects.refusedNotFound
    default:
      // invalid_token, unauthorized, a link without its token: all mean "this link is not right".
      return t.projects.refusedInvalid
  }
}

interface JoinRefusedProps {
  code: RefusalCode
  /** This device's own earlier link to the project still works: offer it instead. */
  previousRole?: Role
  onOpenPrevious?: () => void
}

/** A full page for a link that cannot be used: what happened, what to do, a way home. */
export function JoinRefused({ code, previousRole, onOpenPrevious }: JoinRefusedProps) {
  const { t } = useI18n()
  const keepOld = previousRole && onOpenPrevious && (
    <button type="button" className="button button--primary" onClick={onOpenPrevious}>
      {format(t.projects.keepOld, { role: t.workflow.roles[previousRole] })}
    </button>
  )
  return (
    <MessagePage
      title={t.projects.refusedTitle}
      body={refusalText(t, code)}
      testId="join-refused"
      code={code}
      alert
      actions={keepOld || undefined}
    />
  )
}
