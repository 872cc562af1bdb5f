import { describe, expect, it } from 'vitest'
import { type BuildResult, buildEntryLink, CHANNELS, type Channel, type LinkTarget } from '../../widget/entry/index.ts'

// Who a link may reach on each channel, and what the channel allows in the value.

const to = (channel: Channel, target: string) => buildEntryLink({ ref: 'giveaway' }, { channel, to: target })
const codes = (result: BuildResult) => (result.ok ? [] : result.errors.map((e) => e.code))

describe('the target of a link', () => {
  it.each<[Channel, string[], string[]]>([
    ['messenger', ['FBPAGE', 'shop.page', '12345', 'p'.repeat(100)], ['shop page', 'shop!', '!shop', '', 'p'.repeat(101)]],
    ['instagram', ['shop_name', 'shop.name', 'a', 'i'.repeat(30)], ['shop name', 'shop-name', '-shop', '', 'i'.repeat(31)]],
    [
      'whatsapp',
      ['447700900123', '1234567', '123456789012345'],
      ['+447700900123', '0447700900', '44-7700-900123', '123456', '1234567890123456', 'x1234567'],
    ],
    ['telegram', ['MyCoolBot', 'abcd', 'a'.repeat(32), 'Bot_9'], ['abc', '1Bot', '_Bot', 'My Bot', 'My-Bot', 'a'.repeat(33)]],
    ['viber', ['mybot', 'my.bot-1_x', 'v'.repeat(100)], ['my bot', 'bot!', '!bot', '', 'v'.repeat(101)]],
    [
      'sms',
      ['+447700900123', '447700900123', '+1234567', '+123456789012345'],
      ['+0447700900', '447-700', '++1234567', '+1234567890123456', 'x+1234567', '+123456'],
    ],
  ])('on %s accepts %j and refuses %j', (channel, good, bad) => {
    for (const target of good) expect(to(channel, target).ok, target).toBe(true)
    for (const target of bad) expect(codes(to(channel, target)), target).toEqual(['invalid-target'])
  })

  it('refuses a link with no target at all', () => {
    expect(codes(buildEntryLink({ ref: 'g' }, { channel: 'messenger' } as unknown as LinkTarget))).toEqual(['invalid-target'])
  })

  it('says what the target must be', () => {
    expect(to('whatsapp', '+447700900123')).toEqual({
      ok: false,
      errors: [
        {
          code: 'invalid-target',
          message: 'a WhatsApp number is written in full international form, digits only, without +, leading zeros, brackets or dashes',
        },
      ],
    })
  })

  it('writes each channel with its own address and parameter', () => {
    expect(Object.fromEntries(Object.entries(CHANNELS).map(([channel, rule]) => [channel, rule.param]))).toEqual({
      messenger: 'ref',
      instagram: 'ref',
      whatsapp: 'text',
      telegram: 'start',
      viber: 'context',
      web: 'ref',
      sms: 'body',
    })
  })
})

describe('a web chat link', () => {
  it('goes to an http or https page, and keeps its parameters and hash', () => {
    const result = buildEntryLink({ ref: 'g' }, { channel: 'web', to: 'http://shop.example/sale?utm=a#top' })
    expect(result).toMatchObject({ ok: true, link: 'http://shop.example/sale?utm=a&ref=g#top' })
    expect(buildEntryLink({ ref: 'g' }, { channel: 'web', to: 'https://shop.example' })).toMatchObject({
      link: 'https://shop.example/?ref=g',
    })
  })

  it.each([
    ['shop.example/sale', 'a web chat link needs the full http(s) address of a page with the widget'],
    ['', 'a web chat link needs the full http(s) address of a page with the widget'],
    ['ftp://shop.example/', 'a web chat link needs an http or https address'],
    ['javascript:alert(1)', 'a web chat link needs an http or https address'],
    ['https://shop.example/?ref=old', 'the page address already has a ref parameter'],
    ['https://shop.example/?a=1&bs_ref=old', 'the page address already has a bs_ref parameter'],
    ['https://shop.example/?p=ACC', 'the page address already has a p parameter'],
  ])('refuses the page %s', (page, message) => {
    expect(buildEntryLink({ ref: 'g' }, { channel: 'web', to: page })).toEqual({ ok: false, errors: [{ code: 'invalid-target', message }] })
  })

  it('carries an account of 1 to 128 letters, digits, "_" and "-", on the web only', () => {
    const web = (account: string) => buildEntryLink({ ref: 'g' }, { channel: 'web', to: 'https://s.example/', account })
    expect(web('ACC_1-x')).toMatchObject({ ok: true, link: 'https://s.example/?p=ACC_1-x&ref=g' })
    expect(web('a'.repeat(128)).ok).toBe(true)
    for (const account of ['', 'a'.repeat(129), 'ACC 1', 'ACC!', '!ACC', 'ACC.1']) {
      expect(web(account), account).toEqual({
        ok: false,
        errors: [{ code: 'invalid-account', message: 'an account id is 1 to 128 letters, digits, "_" and "-"' }],
      })
    }
  })
})
