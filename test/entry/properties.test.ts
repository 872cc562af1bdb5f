import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  buildEntryLink,
  type Channel,
  type EntryIntent,
  type LinkIntent,
  type LinkTarget,
  parseEntryLink,
} from '../../widget/entry/index.ts'

// PROPERTY_RUNS and PROPERTY_SEED let the mutation run (vitest.mutation.config.ts) use fewer
// cases with a fixed seed; by default each property runs 1,000 random cases.
const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 1000), seed: Number(process.env.PROPERTY_SEED) || undefined }

// Any UTF-16 text, lone surrogates and control characters included.
const anyText = fc.string({ unit: fc.nat(0xffff).map((n) => String.fromCharCode(n)), maxLength: 80 })
const pieces = fc.constantFrom(
  '--',
  '–',
  '—',
  ';',
  ':',
  '=',
  '&',
  '#',
  '?',
  '%',
  '%E2',
  '+',
  ' ',
  'block:',
  'user:',
  'variables:',
  '__proto__',
  'constructor',
  'prototype',
  '{',
  '[',
  '"',
  'e',
  'ey',
  'jsondata',
  'email',
  'gender',
  '{{x}}',
  '\u0000',
)
// Runs of one character around the 1,024-character value limit, so the limit is reached.
const nearLimit = fc.integer({ min: 1000, max: 1050 }).map((length) => 'x'.repeat(length))
const linkish = fc
  .array(
    fc.oneof({ arbitrary: pieces, weight: 4 }, { arbitrary: anyText, weight: 4 }, fc.stringMatching(/^[A-Za-z0-9]{1,6}$/), nearLimit),
    {
      maxLength: 12,
    },
  )
  .map((parts) => parts.join(''))
// Values in the shape of each dialect, with hostile pieces inside.
const segmentsValue = fc
  .array(fc.tuple(fc.constantFrom('block:', 'user:', 'variables:', 'user:email:', 'user:gender:', 'tag:'), linkish), { maxLength: 6 })
  .map((segments) => segments.map(([prefix, rest]) => `${prefix}${rest}`).join(';'))
const dashedValue = fc.array(linkish, { maxLength: 7 }).map((tokens) => tokens.join('--'))
const base64Value = fc
  .dictionary(
    fc.constantFrom('p', 'e', 'eId', 'v', 'x'),
    fc.oneof(anyText, fc.integer(), fc.dictionary(anyText, anyText, { maxKeys: 3 })),
    {
      minKeys: 1,
    },
  )
  .map((object) => Buffer.from(JSON.stringify(object)).toString('base64url'))
const entryValue = fc.oneof(linkish, segmentsValue, dashedValue, base64Value)
const NAMES = ['ref', 'bs_ref', 'p', 'sig', 'exp', 'start', 'REF', 'x']
const address = fc.tuple(fc.subarray(NAMES, { minLength: 1 }), entryValue, entryValue, fc.boolean()).map(([names, a, b, encode]) => {
  const value = (text: string) => (encode ? encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '')) : text)
  return `https://shop.example/path?${names.map((name, i) => `${name}=${value(i % 2 ? a : b)}`).join('&')}#h`
})
// Real-looking URLs with the entry parameters among others, each value percent-encoded.
const webAddress = fc
  .tuple(
    fc.webUrl({ withQueryParameters: false, withFragments: true }),
    fc.array(fc.tuple(fc.constantFrom(...NAMES, 'utm_source'), entryValue), { minLength: 1, maxLength: 5 }),
  )
  .map(([base, pairs]) => {
    const url = new URL(base)
    url.search = pairs.map(([name, value]) => `${name}=${encodeURIComponent(value.replace(/[\ud800-\udfff]/g, ''))}`).join('&')
    return url.href
  })

function prototypeSnapshot(): string {
  return JSON.stringify([
    Object.getOwnPropertyNames(Object.prototype),
    Object.getOwnPropertyNames(Array.prototype),
    Object.getOwnPropertyNames(String.prototype),
  ])
}

/** Every string of a value, keys included. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (typeof value !== 'object' || value === null) return []
  return Object.entries(value).flatMap(([key, item]) => [key, ...strings(item)])
}

describe('parseEntryLink properties', () => {
  it('never throws on any string, and returns a JSON-serialisable intent', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, linkish, address), (input) => {
        const intent = parseEntryLink(input, { params: { ref: ['ref', 'start'] } })
        expect(JSON.parse(JSON.stringify(intent))).toEqual(intent)
        for (const rejection of intent.rejected) expect(rejection.reason.length).toBeGreaterThan(0)
      }),
      RUNS,
    )
  })

  it('never throws on any URL, reads every entry parameter in it and decodes what it can read', () => {
    const reached = { segments: 0, ref: 0 }
    fc.assert(
      fc.property(webAddress, (href) => {
        const url = new URL(href)
        const intent = parseEntryLink(url)
        expect(parseEntryLink(href)).toEqual(intent)
        const given = url.searchParams
        const readable = (name: string) => {
          const value = given.get(name)
          return value !== null && value.trim() !== '' && value.length <= 8192
        }
        // Every default entry parameter in the address is read, exp only beside a sig, and nothing else.
        const expected = ['bs_ref', 'p', 'ref', 'sig'].filter((name) => given.has(name))
        if (given.has('exp') && readable('sig')) expected.push('exp')
        expect([...intent.params].sort()).toEqual(expected.sort())
        if (readable('bs_ref')) {
          reached.segments++
          expect(intent.dialect).toBe('segments')
        } else if (readable('ref') && !/^bizChat\d+$/.test(given.get('ref') ?? '')) {
          reached.ref++
          expect(intent.dialect).not.toBeNull()
        } else {
          expect(intent.dialect).toBeNull()
        }
        for (const rejection of intent.rejected) expect(NAMES).toContain(rejection.param)
      }),
      RUNS,
    )
    expect(reached.segments).toBeGreaterThan(RUNS.numRuns / 10)
    expect(reached.ref).toBeGreaterThan(RUNS.numRuns / 10)
  })

  it('leaves Object.prototype and the input unchanged', () => {
    const before = prototypeSnapshot()
    fc.assert(
      fc.property(address, (input) => {
        const url = new URL(input)
        const href = url.href
        parseEntryLink(url)
        expect(url.href).toBe(href)
        expect(({} as Record<string, unknown>).x).toBeUndefined()
      }),
      RUNS,
    )
    expect(prototypeSnapshot()).toBe(before)
  })

  it('never keeps a value over the limits, with a control character or a lone surrogate', () => {
    let overLimit = 0
    fc.assert(
      fc.property(address, (input) => {
        const intent = parseEntryLink(input)
        const values = [
          intent.ref,
          intent.payload,
          intent.block,
          intent.externalId,
          intent.bot,
          ...intent.fields.flatMap((f) => [f.key, f.value]),
          ...Object.entries(intent.variables).flat(),
          ...Object.values(intent.user),
          ...strings(intent.json),
        ].filter((value) => value !== null)
        for (const value of values) {
          expect(value.length).toBeLessThanOrEqual(1024)
          // biome-ignore lint/suspicious/noControlCharactersInRegex: the property under test
          expect(value).not.toMatch(/[\u0000-\u001f\u007f]/)
        }
        for (const text of strings(intent)) expect(text).not.toMatch(/\p{Cs}/u)
        if (intent.rejected.some((r) => r.code === 'value-too-long')) overLimit++
      }),
      RUNS,
    )
    expect(overLimit).toBeGreaterThan(RUNS.numRuns / 20)
  })
})

// Intents the builder should usually accept, with some it must refuse.
const word = fc.stringMatching(/^[A-Za-z0-9_]{1,12}$/)
const text = fc.oneof(
  word,
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 16 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }),
)
const date = fc
  .date({ min: new Date('1900-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10))
const user = fc.record(
  {
    first_name: text,
    last_name: text,
    full_name: text,
    user_id: word,
    email: fc.emailAddress(),
    phone: fc.stringMatching(/^\+?[1-9][0-9]{6,13}$/),
    gender: fc.constantFrom('male', 'female', 'unknown'),
    birthday: date,
  },
  { requiredKeys: [] },
)
const fields = fc.array(fc.record({ key: fc.oneof(word, text), value: text }), { maxLength: 4 })
const variables = fc.dictionary(fc.oneof(word, text), text, { maxKeys: 4 })
// One shape per dialect, and a mix that often fits none: the builder must refuse, not lose.
const intentArb: fc.Arbitrary<LinkIntent> = fc.oneof(
  fc.record({ ref: word, payload: text, fields, user }, { requiredKeys: ['ref'] }),
  fc.record({ ref: word, payload: fc.stringMatching(/^[A-Za-z0-9_]{1,12}$/) }, { requiredKeys: ['ref'] }),
  fc.record({ block: word, fields, user, variables }, { requiredKeys: ['block'] }),
  fc.record(
    {
      user: fc.record({ email: fc.emailAddress(), phone: fc.stringMatching(/^[1-9][0-9]{6,11}$/) }, { requiredKeys: [] }),
      externalId: word,
      variables,
    },
    { requiredKeys: ['externalId'] },
  ),
  fc.record({ ref: text, payload: text, block: word, externalId: text, fields, user, variables }, { requiredKeys: [] }),
)

const TARGETS: Record<Channel, LinkTarget> = {
  messenger: { channel: 'messenger', to: 'shop.page' },
  instagram: { channel: 'instagram', to: 'shop_name' },
  whatsapp: { channel: 'whatsapp', to: '447700900123' },
  telegram: { channel: 'telegram', to: 'ShopBot' },
  viber: { channel: 'viber', to: 'shop' },
  web: { channel: 'web', to: 'https://shop.example/sale?utm_source=mail', account: 'ACC1' },
  sms: { channel: 'sms', to: '+447700900123' },
}

function expected(intent: LinkIntent, account: string | null): Partial<EntryIntent> {
  return {
    bot: account,
    ref: intent.ref || null,
    payload: intent.payload ?? null,
    block: intent.block ?? null,
    externalId: intent.externalId ?? null,
    fields: intent.fields ?? [],
    user: intent.user ?? {},
    variables: intent.variables ?? {},
  }
}

describe('buildEntryLink round trip', () => {
  for (const [channel, target] of Object.entries(TARGETS)) {
    it(`parseEntryLink(buildEntryLink(intent)) gives the intent back on ${channel}`, () => {
      let written = 0
      fc.assert(
        fc.property(intentArb, (intent) => {
          const result = buildEntryLink(intent, target)
          if (!result.ok) {
            // Refusals name a rule; the round-trip safety net should never be what catches a loss.
            expect(result.errors.map((e) => e.code)).not.toContain('does-not-round-trip')
            return
          }
          written++
          const decoded = parseEntryLink(result.link, { params: { ref: [result.param] } })
          const { rejected, ...keys } = decoded
          expect(rejected).toEqual([])
          expect(keys).toMatchObject(expected(intent, target.account ?? null))
          expect(decoded.user).toEqual(intent.user ?? {})
        }),
        RUNS,
      )
      expect(written).toBeGreaterThan(RUNS.numRuns / 10)
    })
  }
})
