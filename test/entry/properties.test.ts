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

const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 1000) }

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
const linkish = fc
  .array(fc.oneof(pieces, anyText, fc.stringMatching(/^[A-Za-z0-9]{1,6}$/)), { maxLength: 12 })
  .map((parts) => parts.join(''))
const address = fc
  .tuple(fc.subarray(['ref', 'bs_ref', 'p', 'start', 'REF', 'x']), linkish, linkish, fc.boolean())
  .map(([names, a, b, encode]) => {
    const value = (text: string) => (encode ? encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '')) : text)
    return `https://shop.example/path?${names.map((name, i) => `${name}=${value(i % 2 ? a : b)}`).join('&')}#h`
  })

function prototypeSnapshot(): string {
  return JSON.stringify([
    Object.getOwnPropertyNames(Object.prototype),
    Object.getOwnPropertyNames(Array.prototype),
    Object.getOwnPropertyNames(String.prototype),
  ])
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

  it('never throws on any URL', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        parseEntryLink(new URL(url))
        parseEntryLink(url)
      }),
      RUNS,
    )
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

  it('never keeps a value over the limits or with a control character', () => {
    fc.assert(
      fc.property(address, (input) => {
        const intent = parseEntryLink(input)
        const values = [...intent.fields.map((f) => f.value), ...Object.values(intent.variables), ...Object.values(intent.user)]
        for (const value of values) {
          expect(value.length).toBeLessThanOrEqual(1024)
          // biome-ignore lint/suspicious/noControlCharactersInRegex: the property under test
          expect(value).not.toMatch(/[\u0000-\u001f\u007f]/)
        }
      }),
      RUNS,
    )
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
