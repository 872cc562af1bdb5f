import { defineConfig } from 'vitest/config'
import { MUTATION_TARGETS } from './stryker.config.mjs'

// The test run Stryker uses (stryker.config.mjs): only the unit tests of the mutated code, in
// Node, never the e2e project of vitest.config.ts. Property tests run fewer cases with a fixed
// seed, so each mutant is tested quickly and a score can be reproduced.
export default defineConfig({
  test: {
    include: MUTATION_TARGETS.flatMap((target) => target.tests),
    environment: 'node',
    env: { PROPERTY_RUNS: '200', PROPERTY_SEED: '20240601' },
  },
})
