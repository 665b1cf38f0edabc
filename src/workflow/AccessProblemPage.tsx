import { Link } from '../app/router'
import { useI18n } from '../i18n/I18nProvider'
import { LangSwitch } from '../i18n/LangSwitch'
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
    <main className="page page--center">
      <div className="card message-card" role="alert" data-testid="project-refused" data-code={problem.kind}>
        <h1>{title}</h1>
        <p>{body}</p>
        {wasOpen && <p className="wf-muted">{a.closedNote}</p>}
        <div className="message-card__actions">
          <Link href="/" className="button button--primary">{t.app.backHome}</Link>
          <LangSwitch />
        </div>
      </div>
    </main>
  )
}
