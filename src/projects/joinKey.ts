/**
 * The join key (JoinRequest.joinKey): a random value made once per join on this page and sent with
 * every try of it, so a retry after a lost answer — or React running an effect twice — gets the
 * participant the first try made instead of "name taken" or a second person.
 */
const keys = new Map<string, string>()

function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18))
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** The key for one join (`scope`: the project and the link token); the same for every try on this page. */
export function joinKeyFor(scope: string): string {
  let key = keys.get(scope)
  if (!key) {
    key = randomKey()
    keys.set(scope, key)
  }
  return key
}
