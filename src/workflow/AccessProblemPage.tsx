import { MessagePage } from '../ui/MessagePage'
import { useI18n } from '../i18n/I18nProvider'
import type { AccessProblem } from './accessProblem'

interface AccessProblemPageProps {
  problem: AccessProblem
  /** The board was open when the link stopped working: say that unsent changes are kept. */
  wasOpen: boolean
}

/**
 * A full page instead of the board: the link was withdrawn or expired (possibly while the board was
 * open), or it is not a link to this project. What happened and what to do, in plain words.
 */
export function AccessProblemPage({ problem, wasOpen }: AccessProblemPageProps) {
  const { t } = useI18n()
  const a = t.workflow.access
  const [title, body] =
    problem.kind === 'revoked'
      ? [a.revokedTitle, a.revokedBody]
      : problem.kind === 'expired'
        ? [a.expiredTitle, a.expiredBody]
        : problem.kind === 'notFound'
          ? [a.notFoundTitle, a.notFoundBody]
          : [a.invalidTitle, a.invalidBody]
  return (
    <MessagePage title={title} body={body} testId="project-refused" code={problem.kind} alert>
      {wasOpen && <p className="wf-muted">{a.closedNote}</p>}
    </MessagePage>
  )
}
