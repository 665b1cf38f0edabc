/**
 * The app's routes and their paths, with nothing of React: the page's entry (src/app/boot.ts) reads
 * the route before React is evaluated. router.tsx adds the history router on top.
 * `/w/<workspaceId>#<token>` → a town's workspace;
 * `/` → home, `/b/<boardId>` → a quick board, `/new` → new project, `/join/<projectId>#<token>` →
 * join a project with a role link, `/p/<projectId>` → a project board, `/n/<token>` → a public
 * notice; anything else → not found.
 */
import { isValidBoardId } from '../shared/boardId'

export type Route =
  | { page: 'home' }
  | { page: 'board'; boardId: string }
  /** A board URL whose id cannot be a board id: shown as "board not found", not as a broken page. */
  | { page: 'bad-board' }
  | { page: 'new-project' }
  /** The link's token is in location.hash: browsers never send the fragment to a server. */
  | { page: 'join'; projectId: string }
  | { page: 'project'; projectId: string }
  /** A public notice (公示): its token is the path's last segment (a printed QR code has no fragment). */
  | { page: 'notice'; token: string }
  /** A /join/ or /p/ URL whose id cannot be a project id (project id = board id). */
  | { page: 'bad-project' }
  /** A town's workspace; its link's token is in location.hash, as a role link's. */
  | { page: 'workspace'; workspaceId: string }
  | { page: 'not-found' }

/** The id in `/<prefix>/<id>` (one segment, optional trailing slash), or null when it cannot be an id. */
function idAfter(prefix: string, pathname: string): string | null | undefined {
  if (!pathname.startsWith(`/${prefix}/`)) return undefined
  const match = /^([^/]+)\/?$/.exec(pathname.slice(prefix.length + 2))
  if (!match) return undefined
  let id: string
  try {
    id = decodeURIComponent(match[1])
  } catch {
    return null
  }
  return isValidBoardId(id) ? id : null
}

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '/index.html') return { page: 'home' }
  if (pathname === '/new' || pathname === '/new/') return { page: 'new-project' }
  const boardId = idAfter('b', pathname)
  if (boardId !== undefined) return boardId ? { page: 'board', boardId } : { page: 'bad-board' }
  const joinId = idAfter('join', pathname)
  if (joinId !== undefined) return joinId ? { page: 'join', projectId: joinId } : { page: 'bad-project' }
  // A mistyped token still opens the notice page, which says plainly that there is no such notice.
  const notice = /^\/n\/([^/]+)\/?$/.exec(pathname)
  if (notice) return { page: 'notice', token: /^[A-Za-z0-9_-]{43}$/.test(notice[1]) ? notice[1] : 'invalid' }
  const projectId = idAfter('p', pathname)
  if (projectId !== undefined) return projectId ? { page: 'project', projectId } : { page: 'bad-project' }
  const workspaceId = idAfter('w', pathname)
  if (workspaceId) return { page: 'workspace', workspaceId }
  return { page: 'not-found' }
}

export function boardPath(boardId: string): string {
  return `/b/${encodeURIComponent(boardId)}`
}

export function projectPath(projectId: string): string {
  return `/p/${encodeURIComponent(projectId)}`
}

/** The join page's path; with a token, the full role link (the token rides in the fragment). */
export function joinPath(projectId: string, token?: string): string {
  const path = `/join/${encodeURIComponent(projectId)}`
  return token ? `${path}#${encodeURIComponent(token)}` : path
}
