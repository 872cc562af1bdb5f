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
