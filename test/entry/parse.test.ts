import { describe, expect, it } from 'vitest'
import { parseEntryLink } from '../../widget/entry/index.ts'

// The limits themselves are pinned at their boundaries in limits.test.ts.

const bs = (value: string) => parseEntryLink(`https://example.com/?bs_ref=${encodeURIComponent(value)}`)

describe('rules for every dialect', () => {
  it.each([
    ['user:gender:Male', { gender: 'male' }, 0],
    ['user:gender:UNKNOWN', { gender: 'unknown' }, 0],
    ['user:gender:robot', {}, 1],
    ['user:birthday:2000-02-29', { birthday: '2000-02-29' }, 0],
    ['user:birthday:1900-02-29', {}, 1],
    ['user:birthday:1990-13-01', {}, 1],
    ['user:birthday:28/02/1990', {}, 1],
    ['user:email:ann@example.co.uk', { email: 'ann@example.co.uk' }, 0],
    ['user:email:ann@example', {}, 1],
    ['user:email:a@b.co,c@d.co', {}, 1],
    ['user:email:ann lee@example.com', {}, 1],
    ['user:phone:+1 (555) 010-9999', { phone: '+1 (555) 010-9999' }, 0],
    ['user:phone:12', {}, 1],
  ])('checks %s', (segment, user, rejected) => {
    const intent = bs(`${segment};variables:kept:yes`)
    expect(intent.user).toEqual(user)
    expect(intent.variables).toEqual({ kept: 'yes' })
    expect(intent.rejected).toHaveLength(rejected)
  })

  it('says which rule a value broke', () => {
    expect(bs('user:gender:robot').rejected[0]).toEqual({
      part: 'user:gender:robot',
      code: 'invalid-gender',
      reason: 'gender must be male, female or unknown, not "robot"',
      param: 'bs_ref',
    })
  })

  it('selects the bot with p alone and leaves the dialect null', () => {
    expect(parseEntryLink('https://x.example/?p=ACC1')).toMatchObject({ dialect: null, bot: 'ACC1', params: ['p'] })
  })

  it('rejects reserved names wherever a name is taken', () => {
    const intent = parseEntryLink(
      `https://x.example/?ref=f--__proto__--1--prototype--2&bs_ref=${encodeURIComponent('user:constructor:x;variables:prototype:y')}`,
    )
    expect(intent.fields).toEqual([])
    expect(intent.variables).toEqual({})
    expect(intent.rejected.map((r) => r.code)).toEqual(['reserved-name', 'reserved-name', 'reserved-name', 'reserved-name'])
    expect(Object.getPrototypeOf(intent.variables)).toBe(Object.prototype)
  })

  it('rejects control characters in values and names', () => {
    const intent = bs('variables:a:one\u0000two;variables:b\u0007:1;user:Source:a\u001fb;variables:ok:1')
    expect(intent.rejected.map((r) => r.reason)).toEqual([
      'value of a holds the control character U+0000',
      'variable name holds the control character U+0007',
      'value of Source holds the control character U+001F',
    ])
    expect(intent.variables).toEqual({ ok: '1' })
    const del = parseEntryLink('https://x.example/?ref=f--k--a%7Fb')
    expect(del.rejected).toMatchObject([{ code: 'control-character' }])
  })

  it('reports a repeated variable or attribute: the later value is used', () => {
    const intent = bs('variables:a:1;variables:a:2;user:email:x@y.co;user:Email:z@y.co')
    expect(intent.variables).toEqual({ a: '2' })
    expect(intent.user).toEqual({ email: 'z@y.co' })
    expect(intent.rejected.map((r) => r.code)).toEqual(['overridden', 'overridden'])
  })

  it('reads the first of repeated parameters and says so', () => {
    const intent = parseEntryLink('https://x.example/?ref=one&ref=two&ref=three')
    expect(intent.ref).toBe('one')
    expect(intent.rejected).toMatchObject([{ code: 'repeated-parameter', reason: 'ref appears 3 times; only the first is read' }])
  })

  it('reports a malformed percent-escape instead of reading U+FFFD', () => {
    const intent = parseEntryLink('https://x.example/?ref=promo--%E2%80&p=A1')
    expect(intent.ref).toBeNull()
    expect(intent.bot).toBe('A1')
    expect(intent.rejected).toMatchObject([{ code: 'malformed-encoding', param: 'ref' }])
  })

  it('reads "+" as a space, as URLSearchParams does', () => {
    expect(parseEntryLink('https://x.example/?bs_ref=user:full+name:Ann+Lee').user).toEqual({ full_name: 'Ann Lee' })
  })

  it('reads configured parameter names in order', () => {
    const options = { params: { ref: ['ref', 'start'] } }
    expect(parseEntryLink('https://x.example/?start=giveaway--5', options)).toMatchObject({
      ref: 'giveaway',
      payload: '5',
      params: ['start'],
    })
    expect(parseEntryLink('https://x.example/?start=giveaway--5').dialect).toBeNull()
  })

  it('does not read a Telegram business chat payload as a campaign', () => {
    const intent = parseEntryLink('https://x.example/?start=bizChat12345', { params: { ref: ['start'] } })
    expect(intent).toMatchObject({ dialect: null, ref: null, rejected: [{ code: 'reserved-payload' }] })
  })

  it('accepts URL objects and relative addresses, and does not change a URL it is given', () => {
    const url = new URL('https://x.example/a?ref=giveaway--1#top')
    const before = url.href
    expect(parseEntryLink(url).payload).toBe('1')
    expect(url.href).toBe(before)
    expect(parseEntryLink('/shop?ref=giveaway').ref).toBe('giveaway')
    expect(parseEntryLink('?ref=giveaway').ref).toBe('giveaway')
  })

  it('does not read a "?" inside the fragment', () => {
    expect(parseEntryLink('https://x.example/#/page?ref=giveaway').dialect).toBeNull()
  })

  it('rejects what is not an address, without throwing, quoting at most 200 characters of it', () => {
    const reason = 'not an address that can be read'
    // No parameter was being read, so the rejection names none.
    expect(parseEntryLink('http://[::1').rejected).toStrictEqual([{ part: 'http://[::1', code: 'invalid-url', reason }])
    expect(parseEntryLink(42 as unknown as string).rejected).toEqual([{ part: 'number', code: 'invalid-url', reason }])
    expect(parseEntryLink(null as unknown as string).rejected).toEqual([{ part: 'object', code: 'invalid-url', reason }])
    expect(parseEntryLink(`http://[${'x'.repeat(300)}`).rejected[0].part).toBe(`http://[${'x'.repeat(192)}`)
  })

  it('quotes at most 200 characters of a value that is not UTF-8', () => {
    const raw = `%C3${'a'.repeat(300)}`
    expect(parseEntryLink(`https://x.example/?ref=${raw}`).rejected).toMatchObject([
      { code: 'malformed-encoding', part: raw.slice(0, 200) },
    ])
  })

  it('reads a blank parameter as absent, but still as read', () => {
    expect(parseEntryLink('https://x.example/?ref=+&bs_ref=%20%20&p=')).toMatchObject({
      dialect: null,
      bot: null,
      params: ['p', 'bs_ref', 'ref'],
      rejected: [],
    })
  })

  it('takes the first of several configured names that is present', () => {
    const options = { params: { ref: ['ref', 'start'], segments: ['bs_ref', 'bs'], bot: ['p', 'account'] } }
    const intent = parseEntryLink('https://x.example/?account=B2&p=B1&start=second&ref=first&bs=block:b2&bs_ref=block:b1', options)
    expect(intent).toMatchObject({ bot: 'B1', ref: 'first', block: 'b1', rejected: [] })
    expect(intent.params).toEqual(['p', 'account', 'bs_ref', 'bs', 'ref', 'start'])
    expect(parseEntryLink('https://x.example/?account=B2&start=second&bs=block:b2', options)).toMatchObject({
      bot: 'B2',
      ref: 'second',
      block: 'b2',
    })
  })

  it('falls back to the default names for an option that is not a list, and ignores names that are not strings', () => {
    const odd = { params: { ref: 'start' as unknown as string[], segments: ['bs', 7 as unknown as string] } }
    expect(parseEntryLink('https://x.example/?ref=g&start=s&bs=block:b', odd)).toMatchObject({
      ref: 'g',
      block: 'b',
      params: ['bs', 'ref'],
    })
    expect(parseEntryLink('https://x.example/?ref=g', { params: {} })).toMatchObject({ ref: 'g' })
  })

  it('ignores a segments-looking ref beside bs_ref, and reads a dashed one', () => {
    const ignored = parseEntryLink('https://x.example/?ref=block:b9&bs_ref=block:b1')
    expect(ignored).toMatchObject({ block: 'b1', ref: null })
    expect(ignored.rejected).toEqual([
      { part: 'block:b9', code: 'ignored-parameter', reason: 'ref is ignored: beside bs_ref only a dashed ref is read', param: 'ref' },
    ])
    expect(parseEntryLink('https://x.example/?ref=promo&bs_ref=block:b1')).toMatchObject({ ref: 'promo', block: 'b1', rejected: [] })
  })

  it('says why a Telegram business chat payload is not read, beside bs_ref too', () => {
    const intent = parseEntryLink('https://x.example/?ref=bizChat12345&bs_ref=block:b1')
    expect(intent).toMatchObject({ dialect: 'segments', ref: null, block: 'b1' })
    expect(intent.rejected).toEqual([
      {
        part: 'bizChat12345',
        code: 'reserved-payload',
        reason: 'Telegram sends bizChat<id> for business chats; it is not a campaign link',
        param: 'ref',
      },
    ])
    expect(parseEntryLink('https://x.example/?ref=bizChat12345x').ref).toBe('bizChat12345x')
    expect(parseEntryLink('https://x.example/?ref=xbizChat12345').ref).toBe('xbizChat12345')
  })

  it('reads a ref with a known segment prefix as segments, whatever its case or leading space', () => {
    expect(parseEntryLink('https://x.example/?ref=+Variables:a:1')).toMatchObject({ dialect: 'segments', variables: { a: '1' } })
    expect(parseEntryLink('https://x.example/?ref=BLOCK:b1')).toMatchObject({ dialect: 'segments', block: 'b1' })
    expect(parseEntryLink('https://x.example/?ref=myblock:b1').dialect).toBe('dashed')
    expect(parseEntryLink('https://x.example/?ref=blocks:b1').dialect).toBe('dashed')
  })

  it('returns a JSON-serialisable plain object', () => {
    const intent = parseEntryLink('https://x.example/?p=A&ref=g--1--a--b')
    expect(JSON.parse(JSON.stringify(intent))).toEqual(intent)
  })
})
