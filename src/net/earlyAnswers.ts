/**
 * Answers asked for by the page preload script (vite.config.ts, `routePreload`) before the app's own
 * code has even arrived: on a project board, its state, participation and facilitation with the
 * device's personal token, and /api/config. That script is a small classic script inline in the
 * page's head, run as the parser reaches it; the app's entry runs only once all its modules have come, ~0.5 s later
 * on a phone on 4G — and the base plan's address is in the state.
 *
 * Security decision: each answer is filed under the Authorization it was asked with plus its path,
 * the same key src/net/api.ts gives its own prefetches, so it is handed only to a request made with
 * the same credentials. Free of imports: vite.config.ts reads the global's name from here.
 */
export const EARLY_ANSWERS = '__cgEarlyAnswers'

type EarlyAnswers = Record<string, Promise<Response> | undefined>

declare global {
  interface Window {
    /** Put there by the page preload script (vite.config.ts); absent when it did not run. */
    [EARLY_ANSWERS]?: EarlyAnswers
  }
}

/** The early answer filed under `key` (`<authorization> <path>`), handed out once; null if none. */
export function takeEarlyAnswer(key: string): Promise<Response> | null {
  if (typeof window === 'undefined') return null
  const answers = window[EARLY_ANSWERS]
  const answer = answers?.[key]
  if (!answer) return null
  delete answers[key]
  return answer
}
