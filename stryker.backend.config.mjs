// Mutation testing of the backend's identity, signing, idempotency and limit code
// (`npm run test:mutation`, docs/testing.md), with the tests written for it. Its own run and
// report, so that the codec's score and the backend's are read apart.
import base from './stryker.config.mjs'

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  mutate: [
    'demo/bot/apply-intent.ts',
    'demo/bot/signing.ts',
    'demo/bot/write-value.ts',
    'demo/http/input-limits.ts',
    'demo/store/scoped-id.ts',
  ],
  vitest: { configFile: 'vitest.mutation-backend.config.ts', related: false },
  // The backend's tests share one SQLite file per test file; one at a time keeps them apart.
  concurrency: 1,
  htmlReporter: { fileName: 'reports/mutation-backend/index.html' },
  jsonReporter: { fileName: 'reports/mutation-backend/mutation.json' },
  incrementalFile: 'reports/mutation-backend/incremental.json',
  // The words of an error message are not behaviour; the codes are, and the tests pin them.
  mutator: { excludedMutations: ['StringLiteral'] },
}
