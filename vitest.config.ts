import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    testTimeout: 20_000,
    expect: { poll: { timeout: 10_000, interval: 50 } },
    projects: [
      // extends: each project takes the root's settings above (timeouts, expect.poll), which a
      // project given inline does not otherwise inherit.
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['test/e2e/**'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        // Real Chromium against the real demo server: one file at a time on two cores, once the
        // unit tests are done (groupOrder), so that the timings they measure (long tasks, the
        // webhook latency) are the widget's and not a core busy with another test file.
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
})
