import { lazy, Suspense } from 'react'
import { I18nProvider } from '../i18n/I18nProvider'
import { HomePage } from '../home/HomePage'
import { BoardNotFound } from '../board/BoardNotFound'
import { ErrorBoundary } from './ErrorBoundary'
import { LoadingPage } from './LoadingPage'
import { NotFoundPage } from './NotFoundPage'
import { parseRoute, usePathname } from './router'

// The board page carries tldraw (most of the JavaScript); loading it only on /b/… keeps the home
// page quick on a phone with a weak signal.
const BoardPage = lazy(() => import('../board/BoardPage'))

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
        {route.page === 'not-found' && <NotFoundPage />}
      </ErrorBoundary>
    </I18nProvider>
  )
}
