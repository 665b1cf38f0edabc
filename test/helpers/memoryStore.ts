/** Stand-ins for localStorage in unit tests of what the browser remembers (src/device/localStore.ts). */
import type { KeyValueStore } from '../../src/device/localStore'

/** An in-memory store, optionally pre-filled (keys as stored, e.g. 'commonground.recentBoards'). */
export function memoryStore(initial: Record<string, string> = {}): KeyValueStore & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial))
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  }
}

/** Storage that refuses every read and write, like a private window or a full disk. */
export const brokenStore: KeyValueStore = {
  getItem: () => {
    throw new Error('SecurityError')
  },
  setItem: () => {
    throw new Error('QuotaExceededError')
  },
  removeItem: () => undefined,
}
