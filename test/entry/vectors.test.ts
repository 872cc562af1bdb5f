import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { emptyIntent } from '../../widget/entry/draft.ts'
import { parseEntryLink } from '../../widget/entry/index.ts'
import type { EntryIntent } from '../../widget/entry/types.ts'

// The vectors of ../shared/entry-links, copied into test/fixtures so the tests run in any
// clone; where the shared folder is beside the checkout (as in CI), the copy must match it.
const copy = new URL('../fixtures/vectors.json', import.meta.url)
const shared = new URL('../../../shared/entry-links/vectors.json', import.meta.url)
const { cases } = JSON.parse(readFileSync(copy, 'utf8')) as {
  cases: { name: string; url: string; expect: Partial<EntryIntent>; rejected: number }[]
}

// Keys a vector does not list must be empty: null, [] or {}, as in a fresh intent.
const { rejected: _rejected, params: _params, signature: _signature, ...EMPTY } = emptyIntent()

describe('shared vectors', () => {
  it('has cases to run', () => {
    expect(cases.length).toBeGreaterThanOrEqual(19)
  })
  it.runIf(existsSync(shared))('are the same as the shared vectors', () => {
    expect(JSON.parse(readFileSync(copy, 'utf8'))).toEqual(JSON.parse(readFileSync(shared, 'utf8')))
  })
  for (const vector of cases) {
    it(vector.name, () => {
      const intent = parseEntryLink(vector.url)
      const { rejected, params: _params, signature: _signature, ...keys } = intent
      expect(keys).toEqual({ ...EMPTY, ...vector.expect })
      expect(rejected, JSON.stringify(rejected)).toHaveLength(vector.rejected)
    })
  }
})
