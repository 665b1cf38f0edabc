import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser tests each start Chromium; two cores do not carry more than two at once.
    maxWorkers: 2,
    allowOnly: false,
  },
})
