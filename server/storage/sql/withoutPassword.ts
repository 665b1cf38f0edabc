/**
 * A service address (DATABASE_URL, REDIS_URL) as logs and messages may show it: without its
 * password. Security: these addresses often carry one, and logs travel further than the settings.
 */
export function withoutPassword(url: string, notAUrl: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return notAUrl
  }
}
