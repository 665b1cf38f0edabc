/**
 * A role link is `/join/<projectId>#<token>`: the token rides in the fragment, which browsers never
 * send to a server nor put in a Referer header.
 */

/** The token from the fragment; '' when missing or garbled (then the link is refused as incomplete). */
export function tokenFromHash(hash: string): string {
  try {
    return decodeURIComponent(hash.replace(/^#/, '')).trim()
  } catch {
    return ''
  }
}
