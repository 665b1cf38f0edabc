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
    allowOnly: false,
    sequence: { sequencer: LongestFirst },
  },
})
