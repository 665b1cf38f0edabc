/**
 * A tiny history router: a handful of routes do not need a library. The routes themselves are in
 * route.ts (free of React, for the page's entry).
 */
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react'

export { boardPath, joinPath, parseRoute, projectPath, type Route } from './route'

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

/**
 * Go to `to`. `replace` swaps the current history entry instead of adding one: used when leaving a
 * page that must not come back on "Back" (a join link with its token, a form already submitted).
 */
export function navigate(to: string, { replace = false }: { replace?: boolean } = {}): void {
  const here = window.location.pathname + window.location.search + window.location.hash
  if (to === here || (!replace && to === window.location.pathname)) return
  if (replace) window.history.replaceState(null, '', to)
  else window.history.pushState(null, '', to)
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
