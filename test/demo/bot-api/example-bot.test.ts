import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkSignature } from '../../../demo/example-bot/greeter.ts'
import { signatureHeader } from '../../../demo/webhooks/verify.ts'
import { parseEntryLink } from '../../../widget/entry/index.ts'
import { visitor } from '../server-harness.ts'
import { until } from '../webhooks/receiver.ts'
import { SECRETS, startWithExampleBot } from './example-bot.ts'

const SECRET = SECRETS.GREETER_WEBHOOK_SECRET
const body = '{"id":"evt_1","type":"chat.opened"}'
const now = Date.UTC(2026, 11, 1) // ms
const t = now / 1000

describe("the example bot's signature check", () => {
  it("accepts what Doorway's sender signs, within five minutes", () => {
    expect(checkSignature(body, signatureHeader(SECRET, body, t), SECRET, 300, now)).toBe(true)
    expect(checkSignature(body, signatureHeader(SECRET, body, t - 299), SECRET, 300, now)).toBe(true)
  })

  it('detects a forged body, another secret, a stale or future timestamp, and a malformed header', () => {
    const header = signatureHeader(SECRET, body, t)
    expect(checkSignature(body.replace('opened', 'closed'), header, SECRET, 300, now)).toBe(false)
    expect(checkSignature(body, signatureHeader('another-secret-0123456789', body, t), SECRET, 300, now)).toBe(false)
    expect(checkSignature(body, signatureHeader(SECRET, body, t - 301), SECRET, 300, now)).toBe(false)
    expect(checkSignature(body, signatureHeader(SECRET, body, t + 301), SECRET, 300, now)).toBe(false)
    // The timestamp is part of what is signed: moving it forward breaks the signature.
    expect(checkSignature(body, header.replace(`t=${t}`, `t=${t + 1}`), SECRET, 300, now)).toBe(false)
    const forged = `t=${t},v1=${createHmac('sha256', 'guess').update(`${t}.${body}`).digest('hex')}`
    expect(checkSignature(body, forged, SECRET, 300, now)).toBe(false)
    for (const bad of [undefined, '', 'v1=abc', `t=${t}`, `t=x${t},v1=00`]) expect(checkSignature(body, bad, SECRET, 300, now)).toBe(false)
  })

  it('reads the header as the reference does: the first t, and any v1 (a secret being rotated)', () => {
    const good = signatureHeader(SECRET, body, t)
    const v1 = good.split(',')[1]
    expect(checkSignature(body, `${good},v1=${'0'.repeat(64)}`, SECRET, 300, now)).toBe(true)
    expect(checkSignature(body, `t=${t},v1=${'0'.repeat(64)},${v1}`, SECRET, 300, now)).toBe(true)
    // A stale first t is not saved by a fresh second one.
    expect(checkSignature(body, `t=${t - 900},${good}`, SECRET, 300, now)).toBe(false)
    // The exact bytes are what was signed, and a Buffer is checked as the string is.
    expect(checkSignature(Buffer.from(body), good, SECRET, 300, now)).toBe(true)
  })
})

describe('the example bot behind npm run demo', () => {
  let setup: Awaited<ReturnType<typeof startWithExampleBot>>
  beforeAll(async () => {
    setup = await startWithExampleBot()
  }, 60_000)
  afterAll(() => setup?.close())

  it('greets the visitor by the fields their link carried, then answers a choice, each reply once', async () => {
    const v = visitor(setup.base, 'greeter')
    await v.session(parseEntryLink('https://shop.example/?ref=spring--SPRING10&bs_ref=user:first_name:Ann'))
    await v.open()
    const texts = async () => ((await v.call('GET', '/messages')).body.messages as { text?: string }[]).map((m) => m.text)
    await until(async () => (await texts()).length === 3, 15_000)
    expect(await texts()).toEqual([
      'Hi Ann! You came through the "spring" link.',
      'Your coupon SPRING10 is saved for your order.',
      'What can I help with?',
    ])
    const asked = (await v.call('GET', '/messages')).body.messages[2]
    await v.choose(asked.seq, 0)
    await until(async () => (await texts()).length === 5, 15_000)
    expect((await texts()).slice(3)).toEqual(['Sizes', 'Our shoes come in sizes 36 to 46.'])
    // Asking for sizes is the example's goal, reached through the bot API and credited to the link.
    const contact = (await v.me()).body.contactId
    await until(async () => (await setup.admin(`/contacts/${contact}`)).goalsReached.length === 1, 15_000)
    expect((await setup.admin(`/contacts/${contact}`)).goalsReached).toEqual([
      expect.objectContaining({ goal: 'sizes', firstLink: 'spring', lastLink: 'spring' }),
    ])
    expect(await setup.deliveries('failed')).toEqual([])
  })

  it('greets once however often the chat is opened, and answers a message too long to quote', async () => {
    const v = visitor(setup.base, 'greeter')
    await v.session()
    await v.open()
    const bots = async () => ((await v.call('GET', '/messages')).body.messages as { from: string }[]).filter((m) => m.from === 'bot')
    await until(async () => (await bots()).length === 2, 15_000)
    await v.open()
    await v.say('x'.repeat(1990))
    await until(async () => (await bots()).length === 3, 15_000)
    await new Promise((resolve) => setTimeout(resolve, 1500))
    const texts = ((await bots()) as { text?: string }[]).map((m) => m.text)
    expect(texts).toEqual(['Hi! Welcome.', 'What can I help with?', `You wrote: "${'x'.repeat(200)}".`])
    expect(await setup.deliveries('pending')).toEqual([])
  })

  it('refuses a delivery that is not signed with its secret', async () => {
    const response = await fetch(setup.botUrl, {
      method: 'POST',
      body,
      headers: { 'Doorway-Signature': signatureHeader('wrong-secret-0123456789', body, Math.floor(Date.now() / 1000)) },
    })
    expect(response.status).toBe(401)
  })
})
