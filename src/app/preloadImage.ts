/**
 * Asks for a picture ahead of the <img> that will show it (a `preload` link, which that <img> then
 * uses: one request). The boot view (bootView.ts) and the app's start (boot.ts) both ask for the
 * base plan from the same answer, whichever runs first: the second finds the first's link and adds
 * none. At high priority (the page preload script puts what it asks for after the boot view's needs
 * at low priority). No crossorigin attribute: the <img> that uses it has none, and only a request of the same
 * mode is reused.
 */
export function preloadImage(href: string): void {
  const url = new URL(href, window.location.href).href
  const links = document.querySelectorAll<HTMLLinkElement>('link[rel="preload"][as="image"]')
  for (const link of Array.from(links)) if (link.href === url) return
  const link = document.createElement('link')
  link.rel = 'preload'
  link.as = 'image'
  // The plan is what she came to see, and the largest thing on her first screen: ahead of code.
  link.fetchPriority = 'high'
  link.href = href
  document.head.appendChild(link)
}
