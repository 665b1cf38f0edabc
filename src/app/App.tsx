import { lazy, Suspense } from 'react'
import { I18nProvider } from '../i18n/I18nProvider'
import { HomePage } from '../home/HomePage'
import { BoardNotFound } from '../board/BoardNotFound'
import { JoinPage } from '../projects/JoinPage'
import { NewProjectPage } from '../projects/NewProjectPage'
import { ProjectNotFound } from '../projects/ProjectNotFound'
import { ErrorBoundary } from './ErrorBoundary'
import { LoadingPage } from './LoadingPage'
import { NotFoundPage } from './NotFoundPage'
import { parseRoute, usePathname } from './router'

// The board pages carry tldraw (most of the JavaScript); loading them only on /b/… and /p/… keeps
// the home, new-project and join pages quick on a phone with a weak signal.
const BoardPage = lazy(() => import('../board/BoardPage'))
const ProjectBoardPage = lazy(() => import('../workflow/ProjectBoardPage'))

export function App() {
  const pathname = usePathname()
  const route = parseRoute(pathname)
  return (
    <I18nProvider>
      {/* keyed by path: after a crash, going elsewhere starts afresh */}
      <ErrorBoundary key={pathname}>
        {route.page === 'home' && <HomePage />}
        {route.page === 'board' && (
          <Suspense fallback={<LoadingPage />}>
            {/* key: a different board is a fresh page, never a reused sync session */}
            <BoardPage key={route.boardId} boardId={route.boardId} />
          </Suspense>
        )}
        {route.page === 'bad-board' && <BoardNotFound />}
        {route.page === 'new-project' && <NewProjectPage />}
        {route.page === 'join' && <JoinPage key={route.projectId} projectId={route.projectId} />}
        {route.page === 'project' && (
          <Suspense fallback={<LoadingPage />}>
            <ProjectBoardPage key={route.projectId} projectId={route.projectId} />
          </Suspense>
        )}
        {route.page === 'bad-project' && <ProjectNotFound />}
        {route.page === 'not-found' && <NotFoundPage />}
      </ErrorBoundary>
    </I18nProvider>
  )
}
