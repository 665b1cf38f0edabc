import { Suspense } from 'react'
import { I18nProvider, type LoadedLang } from '../i18n/I18nProvider'
import { BoardNotFound } from '../board'
import { ErrorBoundary } from './ErrorBoundary'
import { LoadingPage } from '../ui/LoadingPage'
import { NotFoundPage } from './NotFoundPage'
import { BoardPage, HomePage, JoinPage, NewProjectPage, NoticePage, ProjectBoardPage, ProjectNotFound, WorkspacePage } from './pages'
import { parseRoute, usePathname } from '../ui/router'

/** `initial`: the language to start in, its strings already loaded (src/app/main.tsx). */
export function App({ initial }: { initial: LoadedLang }) {
  const pathname = usePathname()
  const route = parseRoute(pathname)
  return (
    <I18nProvider initial={initial}>
      {/* keyed by path: after a crash, going elsewhere starts afresh */}
      <ErrorBoundary key={pathname}>
        <Suspense fallback={<LoadingPage />}>
          {route.page === 'home' && <HomePage />}
          {/* key: a different board is a fresh page, never a reused sync session */}
          {route.page === 'board' && <BoardPage key={route.boardId} boardId={route.boardId} />}
          {route.page === 'bad-board' && <BoardNotFound />}
          {route.page === 'new-project' && <NewProjectPage />}
          {route.page === 'join' && <JoinPage key={route.projectId} projectId={route.projectId} />}
          {route.page === 'project' && <ProjectBoardPage key={route.projectId} projectId={route.projectId} />}
          {route.page === 'bad-project' && <ProjectNotFound />}
          {route.page === 'workspace' && <WorkspacePage key={route.workspaceId} workspaceId={route.workspaceId} />}
          {route.page === 'notice' && <NoticePage key={route.token} token={route.token} />}
          {route.page === 'not-found' && <NotFoundPage />}
        </Suspense>
      </ErrorBoundary>
    </I18nProvider>
  )
}
