import { useEffect } from 'react'
import { useI18n } from '../i18n/I18nProvider'
import { LangSwitch } from '../i18n/LangSwitch'
import { CreateBoardForm } from './CreateBoardForm'
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
        <CreateBoardForm />
        <RecentBoardList />
      </main>
    </div>
  )
}
