/**
 * The pages, one chunk each, so every route carries only its own code: the board pages carry
 * tldraw (most of the JavaScript), and a board link never loads the home page's forms.
 *
 * boot.ts starts fetching the current route's page together with the strings (`preloadPage` in
 * pageLoaders.ts), so neither waits for the other. A page whose code has arrived by the time it
 * first renders shows at once; otherwise it suspends and App.tsx shows the loading page until it comes.
 */
import { lazy, useState, type ComponentType, type JSX } from 'react'
import { pageLoaders, type PageLoader } from './pageLoaders'

function lazyPage<P extends object>({ load, loaded }: PageLoader<P>): (props: P) => JSX.Element {
  const Suspending = lazy(() => load().then((component) => ({ default: component })))
  return function Page(props: P) {
    // Chosen once per mount: switching between the two later would be a different component type
    // and remount the page (a board would drop its live sync session).
    const [Ready] = useState<ComponentType<P> | null>(() => loaded())
    const Shown = Ready ?? Suspending
    return <Shown {...props} />
  }
}

export const HomePage = lazyPage(pageLoaders.home)
export const BoardPage = lazyPage(pageLoaders.board)
export const NewProjectPage = lazyPage(pageLoaders.newProject)
export const JoinPage = lazyPage(pageLoaders.join)
export const ProjectBoardPage = lazyPage(pageLoaders.projectBoard)
export const ProjectNotFound = lazyPage(pageLoaders.projectNotFound)
export const WorkspacePage = lazyPage(pageLoaders.workspace)
export const NoticePage = lazyPage(pageLoaders.notice)
