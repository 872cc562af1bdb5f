import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseEntryLink } from '../../widget/entry/index.ts'
import type { EntryIntent } from '../../widget/entry/types.ts'

// The shared vectors live beside the checkout (../shared/entry-links), as in CI.
const file = new URL('../../../shared/entry-links/vectors.json', import.meta.url)
const { cases } = JSON.parse(readFileSync(file, 'utf8')) as {
  cases: { name: string; url: string; expect: Partial<EntryIntent>; rejected: number }[]
}

const EMPTY: Omit<EntryIntent, 'rejected' | 'params' | 'signature'> = {
  dialect: null,
  bot: null,
  ref: null,
  block: null,
  payload: null,
  fields: [],
  user: {},
  variables: {},
  externalId: null,
  json: null,
}

describe('shared vectors', () => {
  it('has cases to run', () => {
    expect(cases.length).toBeGreaterThanOrEqual(19)
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
