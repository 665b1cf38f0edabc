import { useEffect } from 'react'
import { Link } from '../ui/router'
import { ImportProjectEntry } from '../export/ImportProjectEntry'
import { useI18n } from '../i18n/I18nProvider'
import { LangSwitch } from '../i18n/LangSwitch'
import { CreateBoardForm } from './CreateBoardForm'
import { CreateWorkspaceForm } from './CreateWorkspaceForm'
import { ProjectList } from './ProjectList'
import { RecentBoardList } from './RecentBoardList'
import './home.css'

export function HomePage() {
  const { t } = useI18n()

  useEffect(() => {
    // Both names, as in index.html: the tab reads the same whichever language is chosen.
    document.title = '共绘 CommonGround'
  }, [])

  return (
    <div className="home">
      <header className="home__header">
        <div>
          <h1 className="home__title">{t.app.name}</h1>
          <p className="home__tagline">{t.app.tagline}</p>
        </div>
        <LangSwitch />
      </header>
      <main className="home__main">
        <section className="card new-project-entry" aria-labelledby="new-project-title">
          <Link href="/new" className="button button--primary new-project-entry__button" data-testid="new-project" id="new-project-title">
            {t.projects.newEntry}
          </Link>
          <p className="new-project-entry__hint">{t.projects.newEntryHint}</p>
        </section>
        <ProjectList />
        <ImportProjectEntry />
        <CreateWorkspaceForm />
        <div className="home__quick">
          <h2 className="home__quick-title">{t.projects.quickTitle}</h2>
          <p className="home__quick-hint">{t.projects.quickHint}</p>
          <CreateBoardForm />
          <RecentBoardList />
        </div>
      </main>
    </div>
  )
}
