import { useState } from 'react'
import { Link, projectPath } from '../ui/router'
import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/lang'
import { type ProjectAccess, removeAccess, useProjectAccessList } from '../projects'

/** The projects this device holds a link for, newest first, each with its role. */
export function ProjectList() {
  const { t, lang } = useI18n()
  const projects = useProjectAccessList()
  const dateFormat = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' })

  return (
    <section className="card project-list" aria-labelledby="project-list-title">
      <h2 id="project-list-title">{t.projects.listTitle}</h2>
      {projects.length === 0 ? (
        <p className="recent-boards__empty">{t.projects.listEmpty}</p>
      ) : (
        <>
          <ul className="recent-boards__list">
            {projects.map((p) => (
              <ProjectItem key={p.projectId} access={p} time={dateFormat.format(p.lastOpened)} />
            ))}
          </ul>
          <p className="recent-boards__hint">{t.projects.listHint}</p>
        </>
      )}
    </section>
  )
}

/**
 * Removing asks first: the token is kept only here, so removing an organizer's entry can lose the
 * only copy of the organizer link.
 */
function ProjectItem({ access, time }: { access: ProjectAccess; time: string }) {
  const { t } = useI18n()
  const [confirming, setConfirming] = useState(false)
  const name = access.projectName || t.projects.newTitle
  const role = t.workflow.roles[access.role]

  return (
    <li className="project-list__item" data-testid="project-item" data-project-id={access.projectId} data-role={access.role}>
      <div className="recent-boards__item">
        <Link href={projectPath(access.projectId)} className="recent-boards__link project-list__link" data-testid="project-open">
          <span className="project-list__text">
            <span className="recent-boards__name">{name}</span>
            <span className="recent-boards__time">
              <span className="project-list__role">{format(t.projects.roleLine, { role })}</span>
              {' · '}
              {format(t.projects.lastOpened, { time })}
            </span>
          </span>
          <span className="project-list__open" aria-hidden="true">{t.projects.open}</span>
        </Link>
        {!confirming && (
          <button
            type="button"
            className="button recent-boards__remove"
            data-testid="project-remove"
            aria-label={format(t.projects.removeLabel, { name })}
            onClick={() => setConfirming(true)}
          >
            {t.projects.remove}
          </button>
        )}
      </div>
      {confirming && (
        <div className="project-list__confirm" role="alert">
          <p>
            {format(access.role === 'organizer' ? t.projects.removeConfirmOrganizer : t.projects.removeConfirm, { name })}
          </p>
          <div className="project-list__confirm-actions">
            <button type="button" className="button button--danger" data-testid="project-remove-confirm" onClick={() => removeAccess(access.projectId)}>
              {t.projects.removeYes}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              {t.projects.removeNo}
            </button>
          </div>
        </div>
      )}
    </li>
  )
}
