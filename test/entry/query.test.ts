import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseEntryLink, withoutParams } from '../../widget/entry/index.ts'
import { queryOf, readQuery } from '../../widget/entry/query.ts'

const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 1000), seed: Number(process.env.PROPERTY_SEED) || undefined }

// Queries built from the pieces that matter: escapes whole, cut and invalid, `+`, `=`, `&`.
const piece = fc.constantFrom(
  '%',
  '%2',
  '%25',
  '%41',
  '%4a',
  '%E2',
  '%82',
  '%AC',
  '%C3',
  '%A9',
  '%FF',
  '%F0%9F%98%80',
  '+',
  '=',
  '&',
  'a',
  'b',
  'é',
  '€',
)
const query = fc.array(piece, { maxLength: 16 }).map((parts) => parts.join(''))

// The web-platform-tests cases of the urlencoded parser (the file says where they come from).
const { cases } = JSON.parse(readFileSync(new URL('../fixtures/urlencoded-parser.json', import.meta.url), 'utf8')) as {
  cases: { input: string; output: [string, string][] }[]
}

/**
 * Whether URLSearchParams put U+FFFD in a string for bytes that are not UTF-8: the one place
 * readQuery differs on purpose, reporting them instead (docs/entry-links.md).
 */
const substituted = (text: string, input: string) => text.includes('\uFFFD') && !input.includes('\uFFFD') && !/%EF%BF%BD/i.test(input)

/**
 * The parameters of a query as the WHATWG URL Standard reads them. Through a URL, because
 * Node 20's `new URLSearchParams(string)` misreads raw non-ASCII after a broken escape
 * (`%C3€` gives `ì`, where the standard UTF-8-encodes the string first and gives `\uFFFD€`);
 * a URL percent-encodes the raw characters first, and reads no character of these queries otherwise.
 */
const searchParamsOf = (input: string) => new URL(`https://x.example/?${input}`).searchParams

/** What readQuery should give for `name`, worked out from the URL Standard's reading. */
function expectedOf(input: string, name: string) {
  const values = searchParamsOf(input).getAll(name)
  if (values.length === 0) return undefined
  return { value: substituted(values[0], input) ? null : values[0], count: values.length }
}

function read(input: string, name: string) {
  const found = readQuery(input, new Set([name])).get(name)
  return found && { value: found.value, count: found.count }
}

describe('readQuery against the web-platform-tests urlencoded cases', () => {
  it('has the cases, and this platform agrees with them', () => {
    expect(cases).toHaveLength(35)
    for (const { input, output } of cases) expect([...new URLSearchParams(input)], input).toEqual(output)
  })

  it('differs only where the bytes are not UTF-8', () => {
    const differing = cases.filter(({ input, output }) => output.some((pair) => pair.some((text) => substituted(text, input))))
    expect(differing.map((c) => c.input)).toEqual(['%FE%FF', '%FF%FE', '%C2', '%C2x', '_charset_=windows-1252&test=%C2x'])
  })

  for (const { input, output } of cases) {
    it(`reads ${JSON.stringify(input)} as URLSearchParams does`, () => {
      for (const [name] of output) {
        if (substituted(name, input)) {
          // A name that is not UTF-8 is no name the widget reads.
          expect(readQuery(input, new Set([name])).size).toBe(0)
        } else {
          expect(read(input, name)).toEqual(expectedOf(input, name))
        }
      }
    })
  }

  it('reports the raw value of a value that is not UTF-8', () => {
    expect(readQuery('_charset_=windows-1252&test=%C2x', new Set(['test'])).get('test')).toEqual({ value: null, raw: '%C2x', count: 1 })
  })

  it('matches an empty name only where one is written', () => {
    expect(readQuery('&&=b&&', new Set(['']))).toEqual(new Map([['', { value: 'b', raw: 'b', count: 1 }]]))
    expect(readQuery('a&&b', new Set(['']))).toEqual(new Map())
  })
})

describe('readQuery', () => {
  it.each([
    ['ref=sale--50%', 'sale--50%'],
    ['ref=100%25', '100%'],
    ['ref=%', '%'],
    ['ref=%4', '%4'],
    ['ref=%zz', '%zz'],
    ['ref=%%41', '%A'],
    ['ref=%4%41', '%4A'],
    ['ref=50%+off', '50% off'],
    ['ref=%E2%82%AC', '€'],
    ['ref=%e2%82%ac', '€'],
    ['ref=%F0%9F%98%80', '😀'],
    ['ref=%2B', '+'],
    ['ref=%2b%20a+b', '+ a b'],
    ['ref=%09%0A%7f', '\t\n\u007f'],
    ['ref=a=b=c', 'a=b=c'],
    ['ref', ''],
    ['ref=é€', 'é€'],
  ])('decodes %s as URLSearchParams does', (query, value) => {
    expect(read(query, 'ref')).toEqual({ value, count: 1 })
    expect(new URLSearchParams(query).get('ref')).toBe(value)
  })

  it.each([
    ['ref=%C3', 'a lead byte without its continuation'],
    ['ref=%FF', 'a byte UTF-8 never uses'],
    ['ref=%80abc', 'a continuation byte alone'],
    ['ref=%C0%AF', 'an overlong "/"'],
    ['ref=%ED%A0%80', 'the bytes of a UTF-16 surrogate'],
    ['ref=%F4%90%80%80', 'a code point past U+10FFFF'],
    ['ref=promo--%E2%80', 'a cut-off "–"'],
    ['ref=%C3€', 'a lead byte before a raw character'],
  ])('reports %s (%s) instead of reading U+FFFD', (query) => {
    expect(read(query, 'ref')).toEqual({ value: null, count: 1 })
    expect(searchParamsOf(query).get('ref')).toContain('\uFFFD')
  })

  it('refuses a lone surrogate written into the query text, which TextEncoder would turn into U+FFFD', () => {
    expect(read('ref=a\ud800', 'ref')).toEqual({ value: null, count: 1 })
    expect(read('ref=\udfffb', 'ref')).toEqual({ value: null, count: 1 })
    expect(read('ref=\ud83d\ude00', 'ref')).toEqual({ value: '😀', count: 1 })
    expect(readQuery('r\ud800ef=1', new Set(['r\ud800ef', 'r\ufffdef'])).size).toBe(0)
  })

  it('decodes names too, and counts every spelling of one name', () => {
    expect(read('%72ef=x&r%65f=y&ref=z', 'ref')).toEqual({ value: 'x', count: 3 })
    expect(read('re+f=x&ref=y', 're f')).toEqual({ value: 'x', count: 1 })
  })

  it('reads only the names asked for', () => {
    expect([...readQuery('a=1&ref=2&b=%C3&bs_ref=3&p', new Set(['ref', 'p'])).keys()]).toEqual(['ref', 'p'])
  })

  it('reads every two-character escape as URLSearchParams does', () => {
    const chars = [...'0123456789abcdefABCDEFgG%+']
    for (const high of chars) {
      for (const low of chars) {
        const query = `v=%${high}${low}x`
        expect(read(query, 'v'), query).toEqual(expectedOf(query, 'v'))
      }
    }
  })

  it('gives what URLSearchParams gives for any name, except U+FFFD for bytes that are not UTF-8', () => {
    fc.assert(
      fc.property(query, (input) => {
        for (const name of new Set([...searchParamsOf(input).keys(), 'a', 'ab'])) {
          if (substituted(name, input)) continue
          expect(read(input, name)).toEqual(expectedOf(input, name))
        }
      }),
      RUNS,
    )
  })
})

describe('withoutParams', () => {
  it('drops every occurrence of the names, keeps the rest byte for byte and the hash', () => {
    expect(withoutParams('https://s.example/p?utm=a%2Bb&ref=x&p=1&ref=y#top?ref=z', ['ref'])).toBe(
      'https://s.example/p?utm=a%2Bb&p=1#top?ref=z',
    )
    expect(withoutParams('https://s.example/p?ref=x&bs_ref=y', ['ref', 'bs_ref'])).toBe('https://s.example/p')
    expect(withoutParams('https://s.example/p?ref=x#h', ['ref'])).toBe('https://s.example/p#h')
    expect(withoutParams('https://s.example/p?&&a=1&&ref=x&', ['ref'])).toBe('https://s.example/p?a=1')
  })

  it('leaves an address without a query, or without names to drop, as it is', () => {
    expect(withoutParams('https://s.example/p#a?ref=x', ['ref'])).toBe('https://s.example/p#a?ref=x')
    expect(withoutParams('#a?ref=x', ['ref'])).toBe('#a?ref=x')
    expect(withoutParams('?ref=x&a=1#h', ['ref'])).toBe('?a=1#h')
    expect(withoutParams('https://s.example/p?ref=x&&', [])).toBe('https://s.example/p?ref=x&&')
  })

  it('matches names as readQuery reads them: escaped, with a bare %, or with + for a space', () => {
    expect(withoutParams('https://s.example/?%72ef=x&50%=off&re+f=1&ref%=2', ['ref', 're f'])).toBe('https://s.example/?50%=off&ref%=2')
    expect(withoutParams('https://s.example/?ref=sale--50%&a=1', ['ref'])).toBe('https://s.example/?a=1')
    expect(withoutParams('https://s.example/?%C3=1&ref=2', ['ref', '\uFFFD'])).toBe('https://s.example/?%C3=1')
  })

  it('keeps exactly the pairs URLSearchParams names otherwise', () => {
    fc.assert(
      fc.property(query, fc.constantFrom('a', 'ab', 'b', '%', 'a b'), (input, name) => {
        const href = withoutParams(`https://s.example/p?${input}#h`, [name])
        expect(href.endsWith('#h')).toBe(true)
        const kept = [...new URL(href).searchParams]
        expect(kept).toEqual([...searchParamsOf(input)].filter(([key]) => key !== name))
      }),
      RUNS,
    )
  })
})

describe('queryOf', () => {
  it('reads the query of a URL, an absolute or a relative address', () => {
    expect(queryOf(new URL('https://s.example/p?ref=x#h'))).toBe('ref=x')
    expect(queryOf('https://s.example/p?ref=x#h')).toBe('ref=x')
    expect(queryOf('/p?ref=x')).toBe('ref=x')
    expect(queryOf('?ref=x')).toBe('ref=x')
    expect(queryOf('https://s.example/p')).toBe('')
  })

  it('returns null for what is not an address', () => {
    expect(queryOf('http://[::1')).toBeNull()
    expect(queryOf(42)).toBeNull()
    expect(queryOf(null)).toBeNull()
    expect(queryOf({ search: 1 })).toBeNull()
    expect(queryOf(undefined)).toBeNull()
    expect(queryOf({ search: '?ref=x' })).toBe('ref=x')
  })

  it('writes a lone surrogate as a byte that is not UTF-8, where URL would write U+FFFD', () => {
    expect(queryOf('https://s.example/?ref=a\ud800b&p=\udc00')).toBe('ref=a%FFb&p=%FF')
    expect(queryOf('https://s.example/?ref=\ud83d\ude00')).toBe('ref=%F0%9F%98%80')
  })
})

describe('parseEntryLink reading the address', () => {
  it('keeps a bare % in a value as written', () => {
    expect(parseEntryLink('https://s.example/?ref=sale--50%')).toMatchObject({ ref: 'sale', payload: '50%', rejected: [] })
    expect(parseEntryLink('https://s.example/?bs_ref=variables:discount:100%;block:B1')).toMatchObject({
      dialect: 'segments',
      block: 'B1',
      variables: { discount: '100%' },
      rejected: [],
    })
  })

  it('reports a value that is not UTF-8 with its raw text, and reads the rest', () => {
    const intent = parseEntryLink('https://s.example/?ref=promo--%E2%80&p=A1')
    expect(intent).toMatchObject({ dialect: null, ref: null, bot: 'A1', params: ['p', 'ref'] })
    expect(intent.rejected).toEqual([
      {
        part: 'promo--%E2%80',
        code: 'malformed-encoding',
        reason: 'ref is not UTF-8 once its percent-escapes are decoded; a browser would read U+FFFD in its place',
        param: 'ref',
      },
    ])
  })

  it('reports a lone surrogate in an address string instead of reading U+FFFD', () => {
    const intent = parseEntryLink('https://s.example/?ref=giveaway\ud800&p=A1')
    expect(intent).toMatchObject({ ref: null, bot: 'A1', rejected: [{ code: 'malformed-encoding', part: 'giveaway%FF', param: 'ref' }] })
  })
})
