/**
 * The join key (JoinRequest.joinKey): a random value made once per join on this page and sent with
 * every try of it, so a retry after a lost answer — or React running an effect twice — gets the
 * participant the first try made instead of "name taken" or a second person.
 *
 * A key is for one join only. Once that join succeeded, the next join on this page (another person
 * on a shared tablet, within the server's 10 minutes) must not send it again, or it would be answered
 * the first person's participant: the key is cleared — by clearJoinKey after the answer, and in any
 * case when this device has stored a participant for the project since the key was made (the join
 * pages save the answer before anything else; projectAccess.ts). The server also answers a key only
 * to a join repeating its name and unit (server/workflow/Identity.ts).
 */
import { getAccess } from './projectAccess'

const keys = new Map<string, { key: string; madeAt: number }>()

function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18))
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** The project of a scope: `<projectId>\u0000<link token>`, as the join pages make it. */
function projectOf(scope: string): string {
  return scope.split('\u0000', 1)[0]
}

/** Whether the join this key was made for has succeeded: a participant was stored for the project since. */
function joined(scope: string, madeAt: number): boolean {
  let stored
  try {
    stored = getAccess(projectOf(scope))
  } catch {
    return false
  }
  return stored !== undefined && stored.participantId !== null && stored.lastOpened >= madeAt
}

/** The key for one join (`scope`: the project and the link token); the same for every try on this page. */
export function joinKeyFor(scope: string): string {
  let entry = keys.get(scope)
  if (!entry || joined(scope, entry.madeAt)) {
    entry = { key: randomKey(), madeAt: Date.now() }
    keys.set(scope, entry)
  }
  return entry.key
}

/** The join with this scope's key succeeded: the next join on this page is another one, with a new key. */
export function clearJoinKey(scope: string): void {
  keys.delete(scope)
}
