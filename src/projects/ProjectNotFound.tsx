import { MessagePage } from '../ui/MessagePage'
import { useI18n } from '../i18n/I18nProvider'

/** A /join/ or /p/ address whose id cannot be a project: said plainly, with a way home. */
export function ProjectNotFound() {
  const { t } = useI18n()
  return <MessagePage title={t.projects.notFoundTitle} body={t.projects.notFoundBody} testId="project-not-found" />
}
