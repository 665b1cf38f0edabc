/**
 * The pages, one chunk each, so every route carries only its own code: the board pages carry
 * tldraw (most of the JavaScript), and a board link never loads the home page's forms.
 *
 * main.tsx starts fetching the current route's page together with the strings (`preloadPage`), so
 * neither waits for the other. A page whose code has arrived by the time it first renders shows at
 * once; otherwise it suspends and App.tsx shows the loading page until it comes.
 */
import { lazy, useState, type ComponentType, type JSX } from 'react'
import type { Route } from '../ui/router'

interface LazyPage<P> {
  /** Fetch the page's code (once; a failure is forgotten so the next call tries again). */
  load: () => Promise<ComponentType<P>>
  Page: (props: P) => JSX.Element
}

function lazyPage<P extends object>(importer: () => Promise<ComponentType<P>>): LazyPage<P> {
  let pending: Promise<ComponentType<P>> | null = null
  let loaded: ComponentType<P> | null = null
  const load = () => {
    pending ??= importer().then(
      (component) => (loaded = component),
      (err: unknown) => {
        pending = null
        throw err
      },
    )
    return pending
  }
  const Suspending = lazy(() => load().then((component) => ({ default: component })))
  function Page(props: P) {
    // Chosen once per mount: switching between the two later would be a different component type
    // and remount the page (a board would drop its live sync session).
    const [Ready] = useState(() => loaded)
    const Shown = Ready ?? Suspending
    return <Shown {...props} />
  }
  return { load, Page }
}

const home = lazyPage(() => import('../home/HomePage').then((m) => m.HomePage))
const board = lazyPage(() => import('../board/BoardPage').then((m) => m.default))
const newProject = lazyPage(() => import('../projects/NewProjectPage').then((m) => m.NewProjectPage))
const join = lazyPage(() => import('../projects/JoinPage').then((m) => m.JoinPage))
const projectBoard = lazyPage(() => import('../workflow/ProjectBoardPage').then((m) => m.default))
const workspace = lazyPage(() => import('../workspace/WorkspacePage').then((m) => m.WorkspacePage))
const noticePage = lazyPage(() => import('../notice/NoticePage').then((m) => m.NoticePage))
const projectNotFound = lazyPage(() => import('../projects/ProjectNotFound').then((m) => m.ProjectNotFound))

export const HomePage = home.Page
export const BoardPage = board.Page
export const NewProjectPage = newProject.Page
export const JoinPage = join.Page
export const ProjectBoardPage = projectBoard.Page
export const ProjectNotFound = projectNotFound.Page
export const WorkspacePage = workspace.Page
export const NoticePage = noticePage.Page

const LOADERS: Partial<Record<Route['page'], () => Promise<unknown>>> = {
  home: home.load,
  board: board.load,
  'new-project': newProject.load,
  join: join.load,
  project: projectBoard.load,
  notice: noticePage.load,
  'bad-project': projectNotFound.load,
  workspace: workspace.load,
}

/** Start fetching the page of `route`; a failure is left for the page itself to meet and report. */
export function preloadPage(route: Route): void {
  LOADERS[route.page]?.().catch(() => undefined)
}
