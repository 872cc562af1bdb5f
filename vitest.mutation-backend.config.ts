import { defineConfig } from 'vitest/config'

// The tests Stryker runs against the backend's mutants (stryker.backend.config.mjs): the ones
// written for identity, signing, idempotency and limits, on SQLite, never the browser tests.
export default defineConfig({
  test: {
    include: [
      'test/demo/security.test.ts',
      'test/demo/bot/signing.test.ts',
      'test/demo/bot/apply-intent.test.ts',
      'test/demo/http/api.test.ts',
      'test/demo/http/input-limits.test.ts',
    ],
    environment: 'node',
    env: { TEST_DATABASE_URL: '', DATABASE_URL: '' },
  },
})
