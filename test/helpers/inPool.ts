/**
 * `work` for every item, at most `size` at a time, results in the items' order. Browser tests open
 * several pages side by side with it: one page at a time leaves a core idle while a page waits on
 * its server, but twenty tldraw pages loading at once starve two cores.
 */
export async function inPool<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await work(items[i])
    }
  }
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker))
  return results
}
