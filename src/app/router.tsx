/**
 * A tiny history router: two routes do not need a library.
 * `/` → home, `/b/<boardId>` → a board, anything else → not found.
 */
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react'
import { isValidBoardId } from '../shared/boardId'

export type Route =
  | { page: 'home' }
  | { page: 'board'; boardId: string }
  /** A board URL whose id cannot be a board id: shown as "board not found", not as a broken page. */
  | { page: 'bad-board' }
  | { page: 'not-found' }

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '/index.html') return { page: 'home' }
  const match = /^\/b\/([^/]+)\/?$/.exec(pathname)
  if (match) {
    let id: string
    try {
      id = decodeURIComponent(match[1])
    } catch {
      return { page: 'bad-board' }
    }
    return isValidBoardId(id) ? { page: 'board', boardId: id } : { page: 'bad-board' }
  }
  return { page: 'not-found' }
}

export function boardPath(boardId: string): string {
  return `/b/${encodeURIComponent(boardId)}`
}

// pushState fires no event, so navigate() announces changes itself to every usePathname().
const listeners = new Set<() => void>()

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  window.addEventListener('popstate', listener)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('popstate', listener)
  }
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname)
}

export function navigate(to: string): void {
  if (to === window.location.pathname) return
  window.history.pushState(null, '', to)
  for (const listener of listeners) listener()
}

/** An <a> that navigates without a page load; modified clicks (new tab etc.) behave normally. */
export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event)
    if (event.defaultPrevented || event.button !== 0) return
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    navigate(href)
  }
  return <a href={href} onClick={handleClick} {...rest} />
}
