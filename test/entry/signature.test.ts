import { describe, expect, it } from 'vitest'
import { parseEntryLink, signingText } from '../../widget/entry/index.ts'

// A signed link (docs/protocol.md, "Signed links"): the widget passes the signature on with the
// exact decoded values it covers; the backend checks the HMAC over signingText of those values.

const at = (query: string, options?: Parameters<typeof parseEntryLink>[1]) => parseEntryLink(`https://s.example/?${query}`, options)

describe('the signature of a link', () => {
  it('is captured with every entry parameter it covers, exp included and sig left out', () => {
    const intent = at('utm=x&p=ACC1&ref=FLOW9--user_id--cust-42&exp=1795000000&sig=c2lnbmF0dXJl')
    expect(intent.signature).toEqual({ sig: 'c2lnbmF0dXJl', params: { p: 'ACC1', ref: 'FLOW9--user_id--cust-42', exp: '1795000000' } })
    expect(intent.params).toEqual(['sig', 'exp', 'p', 'ref'])
    expect(intent.user).toEqual({ user_id: 'cust-42' })
  })

  it('covers the values as decoded, the first of repeated names, and bs_ref', () => {
    const intent = at('sig=s&ref=a%2Bb+c&ref=other&bs_ref=block:b%3B1&exp=9')
    expect(intent.signature).toEqual({ sig: 's', params: { ref: 'a+b c', bs_ref: 'block:b;1', exp: '9' } })
  })

  it('leaves out blank parameters and ones that cannot be read', () => {
    const intent = at(`sig=s&exp=+&p=%C3&ref=g&bs_ref=${'x'.repeat(8193)}`)
    expect(intent.signature).toEqual({ sig: 's', params: { ref: 'g' } })
  })

  it('is null without sig, and then exp is not read at all', () => {
    const intent = at('exp=1795000000&ref=g')
    expect(intent.signature).toBeNull()
    expect(intent.params).toEqual(['ref'])
    expect(at('sig=+&exp=1&ref=g').signature).toBeNull()
  })

  it('is read from the configured names, and from the default ones when the option is not a pair', () => {
    const options = { params: { signature: ['s', 'until'] as [string, string] } }
    expect(at('s=abc&until=5&ref=g&sig=no', options).signature).toEqual({ sig: 'abc', params: { until: '5', ref: 'g' } })
    const odd = { params: { signature: ['s'] as unknown as [string, string] } }
    expect(at('s=abc&sig=yes&exp=1', odd).signature).toEqual({ sig: 'yes', params: { exp: '1' } })
  })

  it('covers a value the decoder rejects: the backend decodes the values itself', () => {
    expect(at('sig=s&p=__proto__').signature).toEqual({ sig: 's', params: { p: '__proto__' } })
  })
})

describe('signingText', () => {
  it('is the JSON array of [name, value] pairs sorted by name, as docs/protocol.md shows', () => {
    expect(signingText({ ref: 'FLOW9--user_id--cust-42', exp: '1795000000' })).toBe(
      '[["exp","1795000000"],["ref","FLOW9--user_id--cust-42"]]',
    )
    expect(signingText({ ref: 'r', p: 'P', exp: '1', bs_ref: 'b', Z: 'z' })).toBe(
      '[["Z","z"],["bs_ref","b"],["exp","1"],["p","P"],["ref","r"]]',
    )
    expect(signingText({})).toBe('[]')
  })

  it('lets no value fake a boundary between two parameters', () => {
    expect(signingText({ a: '1","b":"2' })).not.toBe(signingText({ a: '1', b: '2' }))
    expect(signingText({ a: '1],["b' })).toBe('[["a","1],[\\"b"]]')
  })
})
