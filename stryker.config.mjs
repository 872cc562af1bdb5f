// Mutation testing (`npm run test:mutation`, docs/testing.md): Stryker changes the code one
// small mutant at a time and runs the tests that cover it; a mutant no test notices is a gap.

/**
 * What is mutated, and which tests may notice. Each line is one part of the code with the
 * unit tests written for it; vitest.mutation.config.ts runs exactly these test files, so the
 * browser tests never start. To measure another part, add its line; for the backend, e.g.
 * `{ code: ['demo/bot/apply-intent.ts', 'demo/bot/signing.ts', 'demo/bot/write-value.ts'], tests: ['test/demo/bot/*.test.ts'] }`.
 */
export const MUTATION_TARGETS = [{ code: ['widget/entry/**/*.ts'], tests: ['test/entry/**/*.test.ts'] }]

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  mutate: MUTATION_TARGETS.flatMap((target) => target.code),
  coverageAnalysis: 'perTest',
  concurrency: 2,
  // A mutant counts as caught when its tests run past this; a busy 2-core machine needs room,
  // or a slow but equivalent mutant passes for a caught one.
  timeoutMS: 20_000,
  // Reports go under reports/ (ignored by git); the incremental file lets a rerun test only
  // the mutants whose code or tests changed (`npm run test:mutation -- --incremental`).
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  incrementalFile: 'reports/mutation/incremental.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 80, break: null },
}
