/**
 * Each page's code, one chunk per page, and the way to fetch it: free of React, so the page's entry
 * (boot.ts) starts fetching the current route's page before React is evaluated. pages.tsx wraps
 * these loaders into the lazy components App renders.
 */
import type { ComponentType } from 'react'
import type { Route } from '../ui/route'

/** Fetches a page's code once; a failure is forgotten so the next call tries again. */
export interface PageLoader<P> {
  load: () => Promise<ComponentType<P>>
  /** The page's component once its code has arrived, else null. */
  loaded: () => ComponentType<P> | null
}

function pageLoader<P>(importer: () => Promise<ComponentType<P>>): PageLoader<P> {
  let pending: Promise<ComponentType<P>> | null = null
  let component: ComponentType<P> | null = null
  const load = () => {
    pending ??= importer().then(
      (c) => (component = c),
      (err: unknown) => {
        pending = null
        throw err
      },
    )
    return pending
  }
  return { load, loaded: () => component }
}

export const pageLoaders = {
  home: pageLoader(() => import('../home/HomePage').then((m) => m.HomePage)),
  board: pageLoader(() => import('../board/BoardPage').then((m) => m.default)),
  newProject: pageLoader(() => import('../projects/NewProjectPage').then((m) => m.NewProjectPage)),
  join: pageLoader(() => import('../projects/JoinPage').then((m) => m.JoinPage)),
  projectBoard: pageLoader(() => import('../workflow/ProjectBoardPage').then((m) => m.default)),
  workspace: pageLoader(() => import('../workspace/WorkspacePage').then((m) => m.WorkspacePage)),
  notice: pageLoader(() => import('../notice/NoticePage').then((m) => m.NoticePage)),
  projectNotFound: pageLoader(() => import('../projects/ProjectNotFound').then((m) => m.ProjectNotFound)),
}

const BY_ROUTE: Partial<Record<Route['page'], { load: () => Promise<unknown> }>> = {
  home: pageLoaders.home,
  board: pageLoaders.board,
  'new-project': pageLoaders.newProject,
  join: pageLoaders.join,
  project: pageLoaders.projectBoard,
  notice: pageLoaders.notice,
  'bad-project': pageLoaders.projectNotFound,
  workspace: pageLoaders.workspace,
}

/** Start fetching the page of `route`; a failure is left for the page itself to meet and report. */
export function preloadPage(route: Route): void {
  BY_ROUTE[route.page]?.load().catch(() => undefined)
}
