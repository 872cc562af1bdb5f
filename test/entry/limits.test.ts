import { describe, expect, it } from 'vitest'
import { encodeBase64Url } from '../../widget/entry/base64url.ts'
import { type EntryIntent, parseEntryLink } from '../../widget/entry/index.ts'

// Every limit at its exact boundary, written as the number itself (not the constant), so that
// moving a limit by one, or switching a check off in one place, fails here.

const at = (query: string) => parseEntryLink(`https://s.example/?${query}`)
const ref = (value: string) => at(`ref=${encodeURIComponent(value)}`)
const bs = (value: string) => at(`bs_ref=${encodeURIComponent(value)}`)
const b64 = (jsonText: string) => at(`ref=${encodeBase64Url(jsonText)}`)
const codes = (intent: EntryIntent) => intent.rejected.map((r) => r.code)

const x = (length: number) => 'x'.repeat(length)

describe('a value holds at most 1,024 characters, wherever it is', () => {
  // [where, link with a value of `length` characters, what the intent keeps, the reason when it is one over]
  const places: [string, (value: string) => EntryIntent, (intent: EntryIntent) => unknown, string][] = [
    ['a dashed ref', (v) => ref(v), (i) => i.ref, 'entry link name is 1025 characters, over the limit of 1024'],
    ['a dashed payload', (v) => ref(`g--${v}`), (i) => i.payload, 'payload is 1025 characters, over the limit of 1024'],
    [
      'a custom field value',
      (v) => ref(`g--738--${v}`),
      (i) => i.fields[0]?.value,
      'value of 738 is 1025 characters, over the limit of 1024',
    ],
    [
      'a custom field name',
      (v) => ref(`g--${v}--1`),
      (i) => i.fields[0]?.key,
      'custom field name is 1025 characters, over the limit of 1024',
    ],
    [
      'a system attribute',
      (v) => ref(`g--first_name--${v}`),
      (i) => i.user.first_name,
      'first_name is 1025 characters, over the limit of 1024',
    ],
    ['a block id', (v) => bs(`block:${v}`), (i) => i.block, 'block id is 1025 characters, over the limit of 1024'],
    ['a variable value', (v) => bs(`variables:a:${v}`), (i) => i.variables.a, 'value of a is 1025 characters, over the limit of 1024'],
    [
      'a variable name',
      (v) => bs(`variables:${v}:1`),
      (i) => Object.keys(i.variables)[0],
      'variable name is 1025 characters, over the limit of 1024',
    ],
    [
      'an attribute in segments',
      (v) => bs(`user:last name:${v}`),
      (i) => i.user.last_name,
      'last_name is 1025 characters, over the limit of 1024',
    ],
    ['a Base64 JSON eId', (v) => b64(JSON.stringify({ eId: v })), (i) => i.externalId, 'eId is 1025 characters, over the limit of 1024'],
    [
      'a Base64 JSON variable',
      (v) => b64(JSON.stringify({ v: { a: v } })),
      (i) => i.variables.a,
      'value of a is 1025 characters, over the limit of 1024',
    ],
    [
      'a string in a JSON payload',
      (v) => ref(`g--{"note":"${v}"}`),
      (i) => (i.json as { note?: unknown })?.note,
      'json.note is 1025 characters, over the limit of 1024',
    ],
    [
      'a key in a JSON payload',
      (v) => ref(`g--{"${v}":1}`),
      (i) => Object.keys(i.json as object)[0],
      'a JSON key in json is 1025 characters, over the limit of 1024',
    ],
    ['a bot id', (v) => at(`p=${v}`), (i) => i.bot, 'bot id is 1025 characters, over the limit of 1024'],
  ]

  it.each(places)('keeps %s of 1,024 characters', (_where, link, kept) => {
    const intent = link(x(1024))
    expect(intent.rejected).toEqual([])
    expect(kept(intent)).toBe(x(1024))
  })

  it.each(places)('rejects %s of 1,025 characters, saying so', (_where, link, kept, reason) => {
    const intent = link(x(1025))
    expect(kept(intent) ?? null).toBeNull()
    expect(intent.rejected.map((r) => [r.code, r.reason])).toEqual([['value-too-long', reason]])
  })
})

describe('a parameter holds at most 8,192 characters once decoded', () => {
  // 14 characters a segment: 585 of them are 8,190; the padding makes the exact length.
  const segments = (length: number) => `variables:a:1;${';'.repeat(length - 14)}`

  it('reads a parameter of 8,192 characters', () => {
    expect(segments(8192)).toHaveLength(8192)
    expect(bs(segments(8192))).toMatchObject({ dialect: 'segments', variables: { a: '1' }, rejected: [] })
    expect(ref(`g--${x(8189)}`)).toMatchObject({ ref: 'g', rejected: [{ code: 'value-too-long' }] })
  })

  it('rejects a parameter of 8,193 characters whole, measured after decoding', () => {
    expect(bs(segments(8193)).rejected).toEqual([
      {
        part: `${segments(8193).slice(0, 32)}…`,
        code: 'parameter-too-long',
        reason: 'bs_ref is 8193 characters, over the limit of 8192',
        param: 'bs_ref',
      },
    ])
    expect(bs(segments(8193))).toMatchObject({ dialect: null, variables: {} })
    // 8,193 characters written as 24,579 escapes are still 8,193 characters.
    const escaped = at(`ref=${'%41'.repeat(8193)}`)
    expect(escaped.rejected.map((r) => r.reason)).toEqual(['ref is 8193 characters, over the limit of 8192'])
    expect(at(`ref=${'%41'.repeat(1024)}`).ref).toBe('A'.repeat(1024))
  })
})

describe('a link sets at most 100 custom fields and 100 variables', () => {
  const list = (count: number, write: (i: number) => string) => Array.from({ length: count }, (_, i) => write(i)).join(';')

  it('keeps 100 of each', () => {
    const intent = bs(`${list(100, (i) => `user:f${i}:${i}`)};${list(100, (i) => `variables:v${i}:${i}`)}`)
    expect(intent.fields).toHaveLength(100)
    expect(Object.keys(intent.variables)).toHaveLength(100)
    expect(intent.rejected).toEqual([])
  })

  it('rejects the 101st of each, and a variable set again still counts once', () => {
    const intent = bs(`${list(101, (i) => `user:f${i}:${i}`)};${list(101, (i) => `variables:v${i}:${i}`)};variables:v0:again`)
    expect(intent.fields).toHaveLength(100)
    expect(intent.variables.v0).toBe('again')
    expect(intent.rejected.map((r) => [r.part, r.code, r.reason])).toEqual([
      ['user:f100:100', 'too-many', 'a link sets at most 100 custom fields'],
      ['variables:v100:100', 'too-many', 'a link sets at most 100 variables'],
      ['v0=0', 'overridden', 'variable v0 is set again later in the link; the later value is used'],
    ])
  })

  it('counts fields from a dashed ref and bs_ref together', () => {
    const dashed = Array.from({ length: 60 }, (_, i) => `d${i}--${i}`).join('--')
    const intent = at(`ref=g--${dashed}&bs_ref=${list(41, (i) => `user:s${i}:${i}`)}`)
    expect(intent.fields).toHaveLength(100)
    expect(intent.rejected).toMatchObject([{ part: 'user:s40:40', code: 'too-many' }])
  })
})

describe('a JSON payload nests at most 32 levels deep', () => {
  const nested = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`
  const path = (levels: number) => `json${'.a'.repeat(levels)}`

  it('keeps 32 levels whole', () => {
    const intent = ref(`g--${nested(32)}`)
    expect(intent.rejected).toEqual([])
    expect(intent.json).toEqual(JSON.parse(nested(32)))
  })

  it('drops the 33rd level, naming where', () => {
    const intent = ref(`g--${nested(33)}`)
    expect(intent.rejected).toEqual([
      {
        part: path(32),
        code: 'unsupported-value',
        reason: `the JSON payload nests deeper than 32 levels; ${path(32)} is dropped`,
        param: 'ref',
      },
    ])
    expect(intent.json).toEqual(JSON.parse(nested(32).replace('1', 'null')))
  })

  it('counts arrays as levels too', () => {
    expect(ref(`g--{"a":${'['.repeat(31)}1${']'.repeat(31)}}`).rejected).toEqual([])
    expect(ref(`g--{"a":${'['.repeat(32)}1${']'.repeat(32)}}`).rejected).toMatchObject([{ part: `json.a${'[0]'.repeat(31)}` }])
  })
})

describe('a JSON number is kept only within ±9,007,199,254,740,991 (2^53 - 1)', () => {
  const beyond = (what: string, reads: string) =>
    `${what} is a number beyond ±9007199254740991, which JSON cannot carry exactly (it reads as ${reads}); write it as a string`

  it.each([
    ['9007199254740991', '9007199254740991'],
    ['-9007199254740991', '-9007199254740991'],
    ['1.5', '1.5'],
    ['0', '0'],
  ])('keeps %s', (number, text) => {
    expect(b64(`{"eId":${number}}`)).toMatchObject({ externalId: text, rejected: [] })
    expect(b64(`{"v":{"n":${number}}}`)).toMatchObject({ variables: { n: text }, rejected: [] })
    expect(ref(`g--[{"id":${number},"value":${number}}]`)).toMatchObject({ fields: [{ key: text, value: text }], rejected: [] })
    expect(ref(`g--{"n":${number}}`)).toMatchObject({ json: { n: Number(number) }, rejected: [] })
  })

  it.each([
    ['9007199254740992', '9007199254740992'],
    ['-9007199254740992', '-9007199254740992'],
    ['12345678901234567890', '12345678901234567000'],
    ['1e300', '1e+300'],
  ])('rejects %s wherever it would become a value', (number, reads) => {
    expect(b64(`{"eId":${number},"e":"a@b.co"}`)).toMatchObject({
      externalId: null,
      user: { email: 'a@b.co' },
      rejected: [{ part: 'eId', code: 'unsafe-number', reason: beyond('eId', reads) }],
    })
    expect(b64(`{"p":${number}}`).rejected).toEqual([{ part: 'p', code: 'unsafe-number', reason: beyond('p', reads), param: 'ref' }])
    expect(b64(`{"v":{"n":${number},"m":1}}`)).toMatchObject({
      variables: { m: '1' },
      rejected: [{ part: 'v.n', code: 'unsafe-number', reason: beyond('variable n', reads) }],
    })
    expect(ref(`g--[{"id":${number},"value":"x"},{"id":"k","value":${number}}]`).rejected.map((r) => [r.code, r.reason])).toEqual([
      ['unsafe-number', beyond('[0].id', reads)],
      ['unsafe-number', beyond('[1].value', reads)],
    ])
    expect(ref(`g--{"n":${number},"list":[1,${number}]}`)).toMatchObject({
      json: { n: null, list: [1, null] },
      rejected: [
        { part: 'json.n', code: 'unsafe-number', reason: beyond('json.n', reads) },
        { part: 'json.list[1]', code: 'unsafe-number' },
      ],
    })
  })

  it('says where in the rejection list, and keeps the rest of the link', () => {
    const intent = b64('{"eId":12345678901234567890,"v":{"ok":"yes"}}')
    expect(codes(intent)).toEqual(['unsafe-number'])
    expect(intent.variables).toEqual({ ok: 'yes' })
  })
})
