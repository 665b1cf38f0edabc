import { defineConfig } from 'vitest/config'
import { LongestFirst } from './test/helpers/longestFirst.js'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Generous: a browser test takes 5–25 s here, but a loaded two-core machine can triple that; a
    // test that really hangs still fails, only later.
    testTimeout: 90_000,
    hookTimeout: 60_000,
    // Browser tests each start Chromium; two cores do not carry more than two at once.
    maxWorkers: 2,
    // Test files share their worker's module cache instead of importing the server, Yjs and tldraw's
    // schema afresh each (a full run spent ~175 s of its two cores on imports, ~15 s without). Safe
    // because every file starts its own servers on port 0 with its own data dir and restores what it
    // stubs (timers, globals) in its own hooks; a file that needs a clean module state must say so.
    isolate: false,
    allowOnly: false,
    sequence: { sequencer: LongestFirst },
  },
})
