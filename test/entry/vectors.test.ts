import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { emptyIntent } from '../../widget/entry/draft.ts'
import { parseEntryLink } from '../../widget/entry/index.ts'
import type { EntryIntent } from '../../widget/entry/types.ts'

// The entry-link vectors: each case is a page address, the intent keys it must produce (keys
// not listed must be empty) and how many parts are rejected. The repository carries them in
// test/fixtures, so they run in every clone. Where the folder the vectors were first published
// in sits beside the checkout, the copy must still be the same.
const copy = new URL('../fixtures/vectors.json', import.meta.url)
const published = new URL('../../../shared/entry-links/vectors.json', import.meta.url)
const { cases } = JSON.parse(readFileSync(copy, 'utf8')) as {
  cases: { name: string; url: string; expect: Partial<EntryIntent>; rejected: number }[]
}

// Keys a vector does not list must be empty: null, [] or {}, as in a fresh intent.
const { rejected: _rejected, params: _params, signature: _signature, ...EMPTY } = emptyIntent()

describe('entry-link vectors', () => {
  it('are all there', () => {
    expect(cases).toHaveLength(19)
    expect(new Set(cases.map((vector) => vector.name)).size).toBe(19)
  })

  it.runIf(existsSync(published))('are the same as the published vectors', () => {
    expect(JSON.parse(readFileSync(copy, 'utf8'))).toEqual(JSON.parse(readFileSync(published, 'utf8')))
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
