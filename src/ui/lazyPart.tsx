/**
 * A part of a page whose code is fetched on demand (React.lazy) and never holds up what is around
 * it: it has its own Suspense boundary showing `loading` (nothing, unless given) meanwhile. Without
 * that boundary a loading part inside the board would suspend up to the page's and unmount the
 * live canvas.
 *
 * If the code cannot be fetched (offline before it was ever cached) the part renders `Failed`
 * (nothing, unless given) instead of throwing to the page's error boundary, so the board stays up.
 * The next time the part renders (a dialog opened again, the board re-rendering) it tries again:
 * React.lazy keeps what it resolved to for good, so each failure starts a fresh lazy component.
 *
 * `preload()` fetches the code ahead, without rendering the part (see PrefetchWhenIdle): a part
 * fetched while there was a network still opens once there is none.
 */
import { lazy, Suspense, type ComponentType, type JSX, type ReactNode } from 'react'

const Nothing = () => null

export type LazyPart<P> = ((props: P) => JSX.Element) & {
  /** Fetch the part's code now; resolves when it has arrived, rejects if it could not be fetched. */
  preload: () => Promise<void>
}

export function lazyPart<P extends object>(
  load: () => Promise<ComponentType<P>>,
  Failed: ComponentType<P> = Nothing,
  loading: ReactNode = null,
): LazyPart<P> {
  // One fetch shared by preload() and the first render, so a part opened while its prefetch is
  // still on the way waits for that fetch instead of starting another. A failure is forgotten, so
  // a prefetch that met a dropped connection leaves the first render free to try again.
  let pending: Promise<ComponentType<P>> | null = null
  const fetchOnce = () => {
    pending ??= load().catch((err: unknown) => {
      pending = null
      throw err
    })
    return pending
  }
  const makePart = () =>
    lazy(() =>
      fetchOnce().then(
        (component) => ({ default: component }),
        (err: unknown) => {
          console.warn('[lazy] could not load a part of the page', err)
          // This lazy component now shows `Failed` for as long as it is mounted; the next render
          // of the part uses a new one, which fetches again (the connection may be back).
          Part = makePart()
          return { default: Failed }
        },
      ),
    )
  let Part = makePart()
  function LazyPart(props: P) {
    return (
      <Suspense fallback={loading}>
        <Part {...props} />
      </Suspense>
    )
  }
  return Object.assign(LazyPart, { preload: () => fetchOnce().then(() => undefined) })
}
