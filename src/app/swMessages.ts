/**
 * Messages between the page and the service worker. Kept as type-only plus one literal duplicated
 * in sw.ts: sw.js must stay a self-contained classic script (no import statements), so it cannot
 * share a module with the page at run time.
 */
export const SW_MESSAGE_CACHE_URLS = 'cache-urls'

export interface CacheUrlsMessage {
  type: typeof SW_MESSAGE_CACHE_URLS
  urls: string[]
}
