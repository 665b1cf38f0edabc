/**
 * "The page a person came for is on screen": work that can wait (registering the service worker,
 * src/app/registerServiceWorker.ts) waits for it, so it does not compete with the first load for
 * the network and the CPU. Marked by the board once its canvas shows or it asks for a name, and at
 * once by src/app/main.tsx on pages that carry no board.
 */
let resolveReady: () => void = () => undefined

export const pageReady: Promise<void> = new Promise((resolve) => {
  resolveReady = resolve
})

/** Idempotent: only the first call counts. */
export function markPageReady(): void {
  resolveReady()
}
