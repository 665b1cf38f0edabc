/**
 * A part of a page whose code is fetched on demand (React.lazy) and never holds up what is around
 * it: it has its own Suspense boundary showing `loading` (nothing, unless given) meanwhile. Without
 * that boundary a loading part inside the board would suspend up to the page's and unmount the
 * live canvas.
 *
 * If the code cannot be fetched (offline before it was ever cached) the part renders `Failed`
 * (nothing, unless given) instead of throwing to the page's error boundary, so the board stays up.
 */
import { lazy, Suspense, type ComponentType, type JSX, type ReactNode } from 'react'

const Nothing = () => null

export function lazyPart<P extends object>(
  load: () => Promise<ComponentType<P>>,
  Failed: ComponentType<P> = Nothing,
  loading: ReactNode = null,
): (props: P) => JSX.Element {
  const Part = lazy(() =>
    load().then(
      (component) => ({ default: component }),
      (err: unknown) => {
        console.warn('[lazy] could not load a part of the page', err)
        return { default: Failed }
      },
    ),
  )
  return function LazyPart(props: P) {
    return (
      <Suspense fallback={loading}>
        <Part {...(props as P & JSX.IntrinsicAttributes)} />
      </Suspense>
    )
  }
}
