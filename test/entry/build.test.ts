import { describe, expect, it } from 'vitest'
import { type BuildResult, buildEntryLink, type LinkIntent, type LinkTarget, parseEntryLink } from '../../widget/entry/index.ts'

function link(result: BuildResult): string {
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
  return result.link
}
const codes = (result: BuildResult) => (result.ok ? [] : result.errors.map((e) => e.code))

describe('buildEntryLink', () => {
  it('writes the seed links for every channel', () => {
    const intent = { ref: 'giveaway' }
    expect(link(buildEntryLink(intent, { channel: 'messenger', to: 'FBPAGE' }))).toBe('https://m.me/FBPAGE?ref=giveaway')
    expect(link(buildEntryLink(intent, { channel: 'instagram', to: 'shop.name' }))).toBe('https://ig.me/m/shop.name?ref=giveaway')
    expect(link(buildEntryLink(intent, { channel: 'whatsapp', to: '447700900123' }))).toBe('https://wa.me/447700900123?text=giveaway')
    expect(link(buildEntryLink(intent, { channel: 'telegram', to: 'MyCoolBot' }))).toBe('https://t.me/MyCoolBot?start=giveaway')
    expect(link(buildEntryLink(intent, { channel: 'viber', to: 'mybot' }))).toBe('viber://pa?chatURI=mybot&context=giveaway')
    expect(link(buildEntryLink(intent, { channel: 'web', to: 'https://shop.example/', account: 'ACC1' }))).toBe(
      'https://shop.example/?p=ACC1&ref=giveaway',
    )
    expect(link(buildEntryLink(intent, { channel: 'sms', to: '+447700900123' }))).toBe('sms:+447700900123?body=giveaway')
  })

  it('writes payload and fields in the dashed dialect', () => {
    const result = buildEntryLink(
      { ref: 'giveaway', payload: 'value1', fields: [{ key: '738', value: 'value2' }] },
      { channel: 'messenger', to: 'P' },
    )
    expect(link(result)).toBe('https://m.me/P?ref=giveaway--value1--738--value2')
  })

  it('percent-encodes, with %20 for spaces (RFC 5724 for SMS)', () => {
    const result = buildEntryLink({ ref: 'spring sale', user: { email: 'a+b@x.co' } }, { channel: 'sms', to: '+15550100' })
    expect(link(result)).toBe('sms:+15550100?body=spring%20sale--email--a%2Bb%40x.co')
    expect(parseEntryLink(link(result), { params: { ref: ['body'] } }).user).toEqual({ email: 'a+b@x.co' })
  })

  it('warns that WhatsApp and SMS only prefill a message', () => {
    const result = buildEntryLink({ ref: 'giveaway' }, { channel: 'whatsapp', to: '15550100123' })
    expect(result.ok && result.warnings.map((w) => w.code)).toEqual(['prefill-only'])
  })

  it('carries email and phone on Telegram as base64json when dashed does not fit the charset', () => {
    const result = buildEntryLink({ user: { email: 'a@b.co' } }, { channel: 'telegram', to: 'MyCoolBot' })
    expect(result).toMatchObject({ ok: true, dialect: 'base64json', link: 'https://t.me/MyCoolBot?start=eyJlIjoiYUBiLmNvIn0' })
  })

  it('refuses Telegram values over 64 characters and suggests an external id', () => {
    const result = buildEntryLink(
      { user: { phone: '79000000000', email: 'someone.long@example.com' }, externalId: 'customer-12345' },
      { channel: 'telegram', to: 'MyCoolBot' },
    )
    expect(result.ok).toBe(false)
    expect(!result.ok && result.errors.find((e) => e.code === 'value-too-long')?.message).toMatch(/external id/)
  })

  it('refuses segments on Instagram and Telegram, naming the rule', () => {
    const result = buildEntryLink({ block: 'b1' }, { channel: 'instagram', to: 'shop' })
    expect(codes(result)).toEqual(['cannot-carry', 'cannot-carry'])
    expect(codes(buildEntryLink({ block: 'b1' }, { channel: 'telegram', to: 'MyCoolBot', dialect: 'segments' }))).toEqual([
      'dialect-not-on-channel',
    ])
  })

  it('writes segments in ref on Messenger and in bs_ref beside a dashed ref on the web', () => {
    expect(link(buildEntryLink({ block: 'b1', variables: { color: 'black' } }, { channel: 'messenger', to: 'P' }))).toBe(
      'https://m.me/P?ref=block%3Ab1%3Bvariables%3Acolor%3Ablack',
    )
    const web = link(
      buildEntryLink(
        { ref: 'promo', payload: '7', block: 'b1', user: { gender: 'female' } },
        { channel: 'web', to: 'https://shop.example/sale?utm=x#top' },
      ),
    )
    expect(web).toBe('https://shop.example/sale?utm=x&bs_ref=block%3Ab1%3Buser%3Agender%3Afemale&ref=promo--7#top')
    expect(parseEntryLink(web)).toMatchObject({ ref: 'promo', payload: '7', block: 'b1', user: { gender: 'female' } })
  })

  it('falls back to the JSON array form when a value holds "--"', () => {
    const result = buildEntryLink({ ref: 'g', fields: [{ key: 'note', value: 'a--b' }] }, { channel: 'web', to: 'https://s.example/' })
    expect(parseEntryLink(link(result)).fields).toEqual([{ key: 'note', value: 'a--b' }])
  })

  it('keeps a ref with a printed dash whole with a trailing "--"', () => {
    const result = buildEntryLink({ ref: 'Jean–Luc' }, { channel: 'messenger', to: 'P' })
    expect(parseEntryLink(link(result)).ref).toBe('Jean–Luc')
  })

  it.each<[string, LinkIntent, LinkTarget, string]>([
    ['an invalid gender', { user: { gender: 'robot' } }, { channel: 'messenger', to: 'P' }, 'invalid-gender'],
    ['a placeholder', { ref: 'f', user: { email: '{{email}}' } }, { channel: 'messenger', to: 'P', dialect: 'dashed' }, 'invalid-email'],
    [
      'a placeholder field',
      { ref: 'f', fields: [{ key: 'x', value: '%%name%%' }] },
      { channel: 'messenger', to: 'P', dialect: 'dashed' },
      'placeholder',
    ],
    [
      'a reserved name',
      { variables: { __proto__x: '1', constructor: '1' } },
      { channel: 'web', to: 'https://s.example/', dialect: 'segments' },
      'reserved-name',
    ],
    ['a control character', { ref: 'a\u0001b' }, { channel: 'messenger', to: 'P' }, 'control-character'],
    ['a lone surrogate', { ref: 'a\ud800' }, { channel: 'messenger', to: 'P' }, 'malformed-unicode'],
    ['a value too long', { ref: 'x'.repeat(1025) }, { channel: 'messenger', to: 'P' }, 'value-too-long'],
    ['a WhatsApp number with +', { ref: 'g' }, { channel: 'whatsapp', to: '+447700900123' }, 'invalid-target'],
    ['a WhatsApp number with dashes', { ref: 'g' }, { channel: 'whatsapp', to: '44-7700-900123' }, 'invalid-target'],
    [
      'a field named like an attribute',
      { ref: 'g', fields: [{ key: 'First Name', value: 'x' }] },
      { channel: 'messenger', to: 'P', dialect: 'dashed' },
      'attribute-as-field',
    ],
    ['a ref that reads as another dialect', { ref: 'user:x' }, { channel: 'messenger', to: 'P', dialect: 'dashed' }, 'ambiguous-ref'],
    ['a ref ending in jsondata', { ref: 'orderjsondata' }, { channel: 'messenger', to: 'P', dialect: 'dashed' }, 'json-suffix'],
    ['an unknown channel', { ref: 'g' }, { channel: 'fax' as 'web', to: 'x' }, 'unknown-channel'],
    ['an account on a non-web link', { ref: 'g' }, { channel: 'messenger', to: 'P', account: 'A' }, 'account-not-web'],
    ['a web address that is not http', { ref: 'g' }, { channel: 'web', to: 'javascript:alert(1)' }, 'invalid-target'],
    ['an empty intent', {}, { channel: 'messenger', to: 'P' }, 'empty'],
    [
      'a semicolon in a segments value',
      { variables: { a: 'x;y' } },
      { channel: 'messenger', to: 'P', dialect: 'segments' },
      'separator-in-value',
    ],
    [
      'a link over the channel limit',
      { json: Object.fromEntries(Array.from({ length: 3 }, (_, i) => [`k${i}`, 'x'.repeat(1000)])) },
      { channel: 'messenger', to: 'P' },
      'link-too-long',
    ],
  ])('refuses %s with a specific code', (_name, intent, target, code) => {
    const result = buildEntryLink(intent, target)
    expect(result.ok).toBe(false)
    expect(codes(result)).toContain(code)
    if (!result.ok) for (const error of result.errors) expect(error.message.length).toBeGreaterThan(10)
  })

  it('refuses Instagram characters outside its ref charset', () => {
    const result = buildEntryLink({ ref: 'spring sale' }, { channel: 'instagram', to: 'shop' })
    expect(codes(result)).toContain('charset')
  })
})

const M: LinkTarget = { channel: 'messenger', to: 'P' }
/** The codes of a refusal, in order, for the one dialect asked for. */
const only = (intent: LinkIntent, dialect: LinkTarget['dialect'], target: LinkTarget = M) =>
  codes(buildEntryLink(intent, { ...target, dialect }))

describe('buildEntryLink refusing what it cannot write', () => {
  it('names an unknown channel or dialect, and a missing target', () => {
    const known = 'known: messenger, instagram, whatsapp, telegram, viber, web, sms'
    // Strictly: an issue of no dialect has no dialect key at all.
    expect(buildEntryLink({ ref: 'g' }, undefined as unknown as LinkTarget)).toStrictEqual({
      ok: false,
      errors: [{ code: 'unknown-channel', message: `unknown channel "undefined"; ${known}` }],
    })
    expect(buildEntryLink({ ref: 'g' }, { ...M, dialect: 'yaml' as 'dashed' })).toEqual({
      ok: false,
      errors: [{ code: 'unknown-dialect', message: 'unknown dialect "yaml"; known: dashed, base64json, segments' }],
    })
  })

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'giveaway'],
    ['no keys', {}],
    ['only empty values', { ref: '', fields: [], user: {}, variables: {}, payload: undefined }],
  ])('refuses an intent with nothing to write: %s', (_name, intent) => {
    expect(buildEntryLink(intent as LinkIntent, M)).toEqual({
      ok: false,
      errors: [{ code: 'empty', message: 'nothing to write: the intent is empty' }],
    })
  })

  it('leaves out keys that hold nothing, and warns of nothing on a channel without a warning', () => {
    expect(buildEntryLink({ ref: 'g', payload: undefined, fields: [], variables: {}, user: {} }, M)).toEqual({
      ok: true,
      link: 'https://m.me/P?ref=g',
      dialect: 'dashed',
      param: 'ref',
      warnings: [],
    })
    expect(buildEntryLink({ ref: 'g', block: null as unknown as string, json: null }, { ...M, dialect: 'dashed' })).toMatchObject({
      ok: true,
    })
    expect(buildEntryLink({ user: { email: 'a@b.co' }, fields: [], json: {} }, { ...M, dialect: 'base64json' })).toMatchObject({
      ok: true,
      link: 'https://m.me/P?ref=eyJlIjoiYUBiLmNvIn0',
    })
  })

  it('says what is wrong with a value, once, and then stops checking it', () => {
    expect(only({ ref: 5 as unknown as string }, 'dashed')).toEqual(['not-a-string'])
    expect(only({ ref: ' ' }, 'dashed')).toEqual(['empty-value'])
    expect(only({ ref: ' g' }, 'dashed')).toEqual(['surrounding-space'])
    expect(only({ ref: 'a\u0000' }, 'dashed')).toEqual(['control-character'])
    expect(only({ ref: 'a\ud800' }, 'dashed')).toEqual(['malformed-unicode'])
    expect(only({ ref: 'g', user: { firstName: 'x' } as LinkIntent['user'] }, 'dashed')).toEqual(['unknown-attribute'])
    expect(only({ ref: 'g', user: { email: ' a@b.co' } }, 'dashed')).toEqual(['surrounding-space'])
    expect(only({ ref: 'g', fields: [{ key: '__proto__', value: ';' }] }, 'dashed')).toEqual(['reserved-name'])
    expect(only({ ref: 'g', fields: [{ key: ' k', value: 'v' }] }, 'dashed')).toEqual(['surrounding-space'])
    expect(only({ ref: 'g', fields: [null as unknown as { key: string; value: string }] }, 'dashed')).toEqual(['not-a-string'])
    expect(only({ block: 'b', variables: { constructor: 'a;b' } }, 'segments')).toEqual(['reserved-name'])
    expect(only({ block: 'b', variables: { a: ' x' } }, 'segments')).toEqual(['surrounding-space'])
  })

  it('writes an issue with the part it is about, or without one', () => {
    expect(buildEntryLink({ ref: 'a--b' }, { ...M, dialect: 'dashed' })).toEqual({
      ok: false,
      errors: [{ code: 'separator-in-ref', message: 'ref must not hold "--" or end with "-"', dialect: 'dashed', part: 'a--b' }],
    })
    expect(buildEntryLink({ ref: 5 as unknown as string }, { ...M, dialect: 'dashed' })).toStrictEqual({
      ok: false,
      errors: [{ code: 'not-a-string', message: 'ref must be a string', dialect: 'dashed' }],
    })
  })

  it('refuses a link one character over the channel limit, and writes one at it', () => {
    // https://m.me/P?ref=g--a--…--b--…--c-- is 2,035 characters with a and b of 1,000 each.
    const intent = (rest: number): LinkIntent => ({
      ref: 'g',
      fields: [
        { key: 'a', value: 'x'.repeat(1000) },
        { key: 'b', value: 'x'.repeat(1000) },
        { key: 'c', value: 'x'.repeat(rest) },
      ],
    })
    const fits = buildEntryLink(intent(48), { ...M, dialect: 'dashed' })
    expect(fits.ok && fits.link.length).toBe(2083)
    expect(buildEntryLink(intent(49), { ...M, dialect: 'dashed' })).toEqual({
      ok: false,
      errors: [{ code: 'link-too-long', message: "the link is 2084 characters, over messenger's 2083", dialect: 'dashed' }],
    })
  })

  it('refuses a Telegram value of 65 characters and writes one of 64, with the hint for Base64 JSON only', () => {
    const telegram: LinkTarget = { channel: 'telegram', to: 'MyCoolBot' }
    expect(buildEntryLink({ ref: 'x'.repeat(64) }, telegram)).toMatchObject({
      ok: true,
      link: `https://t.me/MyCoolBot?start=${'x'.repeat(64)}`,
    })
    expect(buildEntryLink({ ref: 'x'.repeat(65) }, { ...telegram, dialect: 'dashed' })).toEqual({
      ok: false,
      errors: [{ code: 'value-too-long', message: 'telegram allows at most 64 characters in start; this value has 65', dialect: 'dashed' }],
    })
  })

  it('refuses through the round trip what the decoder would drop: the 101st field', () => {
    const fields = Array.from({ length: 101 }, (_, i) => ({ key: `f${i}`, value: '1' }))
    expect(buildEntryLink({ ref: 'g', fields }, { ...M, dialect: 'dashed' })).toEqual({
      ok: false,
      errors: [
        {
          code: 'does-not-round-trip',
          message: 'the link would not carry fields; f100--1: a link sets at most 100 custom fields',
          dialect: 'dashed',
        },
      ],
    })
    expect(buildEntryLink({ ref: 'g', fields: fields.slice(0, 100) }, { ...M, dialect: 'dashed' }).ok).toBe(true)
  })

  it('refuses a link over the limit for that alone, before the round trip would say more', () => {
    const fields = Array.from({ length: 101 }, (_, i) => ({ key: `f${i}`, value: 'x'.repeat(20) }))
    expect(codes(buildEntryLink({ ref: 'g', fields }, { ...M, dialect: 'dashed' }))).toEqual(['link-too-long'])
  })

  it('refuses through the round trip a link whose page holds an entry parameter the decoder rejects', () => {
    expect(buildEntryLink({ ref: 'g' }, { channel: 'web', to: 'https://s.example/?sig=%C3' })).toEqual({
      ok: false,
      errors: [
        {
          code: 'does-not-round-trip',
          message:
            'the link would not carry %C3: sig is not UTF-8 once its percent-escapes are decoded; a browser would read U+FFFD in its place',
          dialect: 'dashed',
        },
        expect.objectContaining({ dialect: 'segments' }),
        expect.objectContaining({ dialect: 'base64json' }),
      ],
    })
  })

  it('refuses through the round trip a value the decoder would change: a gender in capitals', () => {
    expect(buildEntryLink({ user: { gender: 'Female' } }, { ...M, dialect: 'segments' })).toEqual({
      ok: false,
      errors: [{ code: 'does-not-round-trip', message: 'the link would not carry user', dialect: 'segments' }],
    })
    expect(buildEntryLink({ user: { gender: 'female' } }, { ...M, dialect: 'segments' }).ok).toBe(true)
  })

  it('lists the prefill warning once, with its dialect', () => {
    expect(buildEntryLink({ ref: 'g' }, { channel: 'whatsapp', to: '447700900123' })).toEqual({
      ok: true,
      link: 'https://wa.me/447700900123?text=g',
      dialect: 'dashed',
      param: 'text',
      warnings: [
        {
          code: 'prefill-only',
          message: 'this channel only prefills a message: nothing reaches the bot unless the visitor sends it, and they may edit it first',
          dialect: 'dashed',
        },
      ],
    })
  })
})

describe('the web chat beside bs_ref', () => {
  const web: LinkTarget = { channel: 'web', to: 'https://s.example/' }

  it('writes a dashed ref for a payload without a ref, and none when there is neither', () => {
    expect(buildEntryLink({ payload: '7', block: 'b1' }, web)).toMatchObject({
      link: 'https://s.example/?bs_ref=block%3Ab1&ref=--7',
      dialect: 'segments',
    })
    expect(buildEntryLink({ ref: 'promo', block: 'b1' }, web)).toMatchObject({ link: 'https://s.example/?bs_ref=block%3Ab1&ref=promo' })
    expect(buildEntryLink({ block: 'b1' }, web)).toMatchObject({ link: 'https://s.example/?bs_ref=block%3Ab1' })
  })

  it('refuses when the dashed ref beside it cannot be written', () => {
    expect(codes(buildEntryLink({ ref: 'a--b', block: 'b1' }, { ...web, dialect: 'segments' }))).toEqual(['separator-in-ref'])
  })
})

describe('the dashed encoder', () => {
  const dashed = (intent: LinkIntent) => buildEntryLink(intent, { ...M, dialect: 'dashed' })

  it.each<[string, string, string[]]>([
    ['a-', 'ends with "-"', ['separator-in-ref']],
    ['a--b', 'holds "--"', ['separator-in-ref']],
    ['bizChat1', 'is a Telegram business chat', ['reserved-payload']],
    ['[x', 'opens a JSON array', ['ambiguous-ref']],
    ['{x', 'opens a JSON object', ['ambiguous-ref']],
    ['block:b1', 'reads as segments', ['ambiguous-ref']],
    ['eyJlIjoiYUBiLmNvIn0', 'reads as Base64 JSON', ['ambiguous-ref']],
    ['orderjsondata', 'loses its suffix', ['json-suffix']],
    ['Jean – Luc', 'has spaces beside a dash', ['surrounding-space']],
    ['Jean –Luc', 'has a space before a dash', ['surrounding-space']],
    ['constructor', 'is reserved', ['reserved-name']],
  ])('refuses the ref %s, which %s', (ref, _why, expected) => {
    expect(codes(dashed({ ref }))).toEqual(expected)
  })

  it.each([
    ['a{b', 'https://m.me/P?ref=a%7Bb'],
    ['a[b', 'https://m.me/P?ref=a%5Bb'],
    ['-a', 'https://m.me/P?ref=-a'],
    ['a-b', 'https://m.me/P?ref=a-b'],
    ['Jean–Luc', 'https://m.me/P?ref=Jean%E2%80%93Luc--'],
    ['bizChat', 'https://m.me/P?ref=bizChat'],
  ])('writes the ref %s', (ref, expected) => {
    expect(dashed({ ref })).toMatchObject({ ok: true, link: expected })
  })

  it('refuses a payload that would split, open JSON or look like a placeholder', () => {
    expect(codes(dashed({ ref: 'g', payload: 'a--b' }))).toEqual(['separator-in-value'])
    expect(codes(dashed({ ref: 'g', payload: 'a-' }))).toEqual(['separator-in-value'])
    expect(codes(dashed({ ref: 'g', payload: '{x' }))).toEqual(['json-like-payload'])
    expect(codes(dashed({ ref: 'g', payload: '[x', fields: [{ key: 'k', value: 'a--b' }] }))).toEqual([
      'separator-in-value',
      'json-like-payload',
    ])
    expect(codes(dashed({ ref: 'g', payload: '%%x%%' }))).toEqual(['placeholder'])
    expect(dashed({ ref: 'g', payload: '-a' })).toMatchObject({ link: 'https://m.me/P?ref=g---a' })
    expect(dashed({ ref: 'g', payload: 'a{b' })).toMatchObject({ link: 'https://m.me/P?ref=g--a%7Bb' })
  })

  it('writes fields that would split in the JSON array form, and plain ones as pairs', () => {
    expect(dashed({ ref: 'g', fields: [{ key: 'k', value: '-a' }] })).toMatchObject({ link: 'https://m.me/P?ref=g--k---a' })
    const split = dashed({ ref: 'g', fields: [{ key: 'k', value: 'a-' }], user: { email: 'a@b.co' } })
    expect(split.ok && decodeURIComponent(split.link)).toBe(
      'https://m.me/P?ref=g--[{"id":"email","value":"a@b.co"},{"id":"k","value":"a-"}]',
    )
    const opens = dashed({ ref: 'g', fields: [{ key: '{k', value: 'v' }] })
    expect(opens.ok && decodeURIComponent(opens.link)).toBe('https://m.me/P?ref=g--[{"id":"{k","value":"v"}]')
  })

  it('writes a JSON object alone, and only an object that reads back whole', () => {
    expect(dashed({ ref: 'g', json: { a: [1, 'x'] } })).toMatchObject({ ok: true })
    expect(codes(dashed({ ref: 'g', payload: '1', json: { a: 1 } }))).toEqual(['json-alone'])
    expect(codes(dashed({ ref: 'g', fields: [{ key: 'k', value: 'v' }], json: { a: 1 } }))).toEqual(['json-alone'])
    expect(codes(dashed({ ref: 'g', json: 'text' }))).toEqual(['json-not-object'])
    expect(codes(dashed({ ref: 'g', json: [1] }))).toEqual(['json-not-object'])
    expect(buildEntryLink({ ref: 'g', json: { a: 1n } }, { ...M, dialect: 'dashed' })).toEqual({
      ok: false,
      errors: [
        {
          code: 'json-not-serialisable',
          message: 'json cannot be written as JSON: Do not know how to serialize a BigInt',
          dialect: 'dashed',
        },
      ],
    })
    const unsafe = dashed({ ref: 'g', json: { a: 2 ** 60, b: 'x'.repeat(1025), constructor: 1 } })
    expect(unsafe.ok ? [] : unsafe.errors.map((e) => [e.code, e.part])).toEqual([
      ['unsafe-number', 'json.a'],
      ['value-too-long', 'json.b'],
      ['reserved-name', 'constructor'],
    ])
  })
})

describe('what each dialect cannot carry', () => {
  const everything: LinkIntent = {
    ref: 'g',
    payload: 'p',
    block: 'b',
    externalId: 'x',
    fields: [{ key: 'k', value: 'v' }],
    user: { email: 'a@b.co' },
    variables: { a: '1' },
    json: { a: 1 },
  }
  it.each<[LinkTarget['dialect'], string[]]>([
    ['dashed', ['block', 'variables', 'externalId']],
    ['segments', ['ref', 'payload', 'externalId', 'json']],
    ['base64json', ['ref', 'payload', 'block', 'fields', 'json']],
  ])('%s refuses %j, each by name', (dialect, keys) => {
    const result = buildEntryLink(everything, { ...M, dialect })
    const refused = result.ok ? [] : result.errors.filter((e) => e.code === 'cannot-carry').map((e) => e.part)
    expect(refused).toEqual(keys)
  })
})

describe('the segments encoder', () => {
  const segments = (intent: LinkIntent) => buildEntryLink(intent, { ...M, dialect: 'segments' })

  it('is tried when dashed cannot carry the intent', () => {
    expect(buildEntryLink({ variables: { a: '1' } }, M)).toMatchObject({
      ok: true,
      dialect: 'segments',
      link: 'https://m.me/P?ref=variables%3Aa%3A1',
    })
  })

  it('refuses what would break a segment, saying which rule', () => {
    expect(codes(segments({ block: ' b1' }))).toEqual(['surrounding-space'])
    expect(codes(segments({ block: 'b;1' }))).toEqual(['separator-in-value'])
    expect(codes(segments({ block: 'b', user: { first_name: 'a;b' } }))).toEqual(['separator-in-value'])
    expect(codes(segments({ block: 'b', user: { email: 'bad' } }))).toEqual(['invalid-email'])
    expect(codes(segments({ block: 'b', fields: [{ key: 'Email', value: 'x' }] }))).toEqual(['attribute-as-field'])
    expect(codes(segments({ block: 'b', fields: [{ key: 'k;1', value: 'x' }] }))).toEqual(['separator-in-value'])
    expect(codes(segments({ block: 'b', fields: [{ key: 'k', value: 'x;y' }] }))).toEqual(['separator-in-value'])
    expect(codes(segments({ block: 'b', fields: [null as unknown as { key: string; value: string }] }))).toEqual(['not-a-string'])
    expect(codes(segments({ block: 'b', variables: { 'a;b:c': '1' } }))).toEqual(['separator-in-value'])
    // One issue per value: a value already refused is not checked further.
    expect(codes(segments({ block: 'b', variables: { a: 'x\u0001;y' } }))).toEqual(['control-character'])
    expect(codes(segments({ block: 'b', user: { first_name: 'x\u0001;y' } }))).toEqual(['control-character'])
    expect(codes(segments({ block: 'b', user: { firstName: 'a;b' } as LinkIntent['user'] }))).toEqual(['unknown-attribute'])
    expect(codes(segments({ block: 'b', user: { gender: 'a;b' } }))).toEqual(['invalid-gender'])
    expect(codes(segments({ block: 'b', fields: [{ key: 'Email', value: 'x;y' }] }))).toEqual(['attribute-as-field'])
    expect(buildEntryLink({ block: 'b', variables: { 'a:c': '1' } }, { ...M, dialect: 'segments' })).toEqual({
      ok: false,
      errors: [{ code: 'colon-in-name', message: 'variable name "a:c" must not hold ":"', dialect: 'segments', part: 'a:c' }],
    })
  })

  it('lets a variable take a name a custom field may not', () => {
    expect(segments({ block: 'b', variables: { email: 'x' } })).toMatchObject({
      ok: true,
      link: 'https://m.me/P?ref=block%3Ab%3Bvariables%3Aemail%3Ax',
    })
  })
})

describe('the base64json encoder', () => {
  const base64 = (intent: LinkIntent) => buildEntryLink(intent, { ...M, dialect: 'base64json' })

  it('carries only phone and email of the user', () => {
    expect(base64({ user: { first_name: 'Ann', email: 'a@b.co' } })).toEqual({
      ok: false,
      errors: [
        {
          code: 'cannot-carry',
          message: 'the base64json dialect carries only phone and email of user, not first_name',
          dialect: 'base64json',
          part: 'first_name',
        },
      ],
    })
    expect(base64({ user: { phone: '79000000000', email: 'a@b.co' } })).toMatchObject({
      ok: true,
      link: `https://m.me/P?ref=${Buffer.from('{"p":"79000000000","e":"a@b.co"}').toString('base64url')}`,
    })
  })

  it('checks phone, email, external id and variables like the decoder', () => {
    expect(codes(base64({ user: { email: 'bad' } }))).toEqual(['invalid-email'])
    expect(codes(base64({ user: { phone: 'call me' } }))).toEqual(['invalid-phone'])
    expect(codes(base64({ externalId: ' x' }))).toEqual(['surrounding-space'])
    expect(codes(base64({ externalId: 'x', variables: { prototype: '1', b: ' 2' } }))).toEqual(['reserved-name', 'surrounding-space'])
  })
})
