// The backend's promises to visitors (docs/security.md), each tried as an attacker would.
import { randomBytes } from 'node:crypto'
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { signLink } from '../../demo/bot/signing.ts'
import { parseEntryLink } from '../../widget/entry/index.ts'
import { ENGINES } from './engines.ts'
import { admin, newToken, startServer, visitor } from './server-harness.ts'

describe.each(ENGINES)('on $name', (engine) => {
  let server: Awaited<ReturnType<typeof startServer>>
  beforeAll(async () => {
    server = await startServer({ engine, visitorRate: [10_000, 10_000], addressRate: [100_000, 100_000] })
  })
  afterAll(() => server.close())

  const SECRET = 'doorway-demo-signing-secret-not-for-production'
  const signed = (query: string, ttl = 600) => parseEntryLink(signLink(`https://shop.example/${query}`, SECRET, ttl))
  const intentOf = (query: string) => parseEntryLink(`https://shop.example/${query}`)
  /** An EntryIntent as a hostile client may write it, bypassing the widget's decoder. */
  const rawIntent = (extra: Record<string, unknown>) => ({ ...intentOf('?ref=FLOW9'), ...extra })
  /** A random part of a user_id: hex only, since a `-` beside another would split a dashed link. */
  const unique = (length: number) => randomBytes(length).toString('hex').slice(0, length)
  const texts = (messages: { text?: string }[]) => messages.map((m) => m.text ?? '').join('\n')

  async function raw(path: string, body: string | Uint8Array, headers: Record<string, string> = {}) {
    const response = await fetch(`${server.base}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: body as BodyInit,
    })
    return { status: response.status, body: await response.json() }
  }

  describe("nobody gets into another visitor's conversation", () => {
    const spellings = ['userId', 'UserID', 'user id', 'USER_ID', 'user__id', 'User Id', 'user_id']

    it.each(spellings)(
      'never stores an unsigned user_id spelled "%s", and a signed link later does not hand its owner to the attacker',
      async (spelling) => {
        const userId = `cust-${spelling.replace(/\W/g, '')}-${unique(6)}`
        // 1. The attacker plants the customer's id under some spelling, by session and by update.
        const attacker = visitor(server.base)
        const attack = await attacker.session(rawIntent({ user: { [spelling]: userId } }))
        expect(attack.status).toBe(200)
        expect(attack.body.results).toContainEqual(
          expect.objectContaining({ id: 'user.user_id', status: 'rejected', code: 'unsigned_user_id' }),
        )
        const update = await attacker.updates([{ id: 'plant', type: 'user', key: spelling, value: userId }])
        expect(update.body.results[0]).toMatchObject({ status: 'rejected', code: 'unsigned_user_id' })
        expect((await attacker.me()).body.user).toEqual({})

        // 2. The real customer opens their signed link, gives their email and talks to the bot.
        const customer = visitor(server.base)
        const session = await customer.session(signed(`?ref=FLOW9--user_id--${userId}--email--ann%40example.com`))
        expect(session.body.results).toContainEqual({ id: 'signature', status: 'stored' })
        expect(session.body.contactId).not.toBe(attack.body.contactId)
        await customer.open()
        await customer.say('my secret order number is 777')

        // 3. What the attacker can read: their own empty contact, nothing of the customer's.
        const me = (await attacker.me()).body
        expect(me.contactId).toBe(attack.body.contactId)
        expect(me.user).toEqual({})
        const history = await attacker.call('GET', '/messages')
        expect(texts(history.body.messages)).not.toContain('777')
        expect(JSON.stringify(me)).not.toContain('ann@example.com')
        // The customer's contact holds their identity and their email.
        expect((await customer.me()).body.user).toEqual({ user_id: userId, email: 'ann@example.com' })
      },
    )

    it('refuses user_id under any spelling in a flow answer as in a page `set`', async () => {
      const v = visitor(server.base)
      await v.session()
      const results = await v.updates(spellings.map((key, i) => ({ id: `s${i}`, type: 'user', key, value: 'cust-1' })))
      expect(results.body.results.map((r: { code: string }) => r.code)).toEqual(spellings.map(() => 'unsigned_user_id'))
      // Even an empty value is refused for its name first, so no spelling slips through another check.
      const empty = await v.updates([{ id: 'e', type: 'user', key: 'UserId', value: '' }])
      expect(empty.body.results[0].code).toBe('unsigned_user_id')
    })

    it('binds by a signed user_id only to a contact whose user_id a signed link set', async () => {
      const userId = `legacy-${unique(8)}`
      // A contact holding user_id as a plain attribute (as an older version could store it).
      const squatter = visitor(server.base)
      const planted = await squatter.session()
      await server.store.setAttribute(planted.body.contactId, 'user_id', userId)
      const customer = visitor(server.base)
      const session = await customer.session(signed(`?ref=FLOW9--user_id--${userId}`))
      expect(session.body.contactId).not.toBe(planted.body.contactId)
      // A second device of the same customer, with another signed link, joins the customer's contact.
      const phone = visitor(server.base)
      const again = await phone.session(signed(`?ref=FLOW9--user_id--${userId}`))
      expect(again.body.contactId).toBe(session.body.contactId)
    })

    it('gives a second signed user_id on the same browser its own contact, never merging two people', async () => {
      const shared = visitor(server.base)
      const a = await shared.session(signed(`?ref=FLOW9--user_id--alice-${unique(6)}--email--alice%40example.com`))
      const bobId = `bob-${unique(6)}`
      const b = await shared.session(signed(`?ref=FLOW9--user_id--${bobId}`))
      expect(b.body.contactId).not.toBe(a.body.contactId)
      expect((await shared.me()).body.user).toEqual({ user_id: bobId })
      // Bob's other device reaches Bob's contact, not Alice's.
      const bobPhone = visitor(server.base)
      expect((await bobPhone.session(signed(`?ref=FLOW9--user_id--${bobId}`))).body.contactId).toBe(b.body.contactId)
    })

    it('reads a signed link from the parameters its signature covers, never from the intent sent beside them', async () => {
      const victimId = `victim-${unique(6)}`
      const victim = visitor(server.base)
      const owned = await victim.session(signed(`?ref=FLOW9--user_id--${victimId}`))
      // A valid signature for a harmless link, with the victim's user_id added to the decoded intent.
      const harmless = signed('?ref=FLOW9--email--eve%40example.com')
      const attacker = visitor(server.base)
      const attack = await attacker.session({ ...harmless, user: { ...harmless.user, user_id: victimId } })
      expect(attack.body.contactId).not.toBe(owned.body.contactId)
      expect((await attacker.me()).body.user).toEqual({ email: 'eve@example.com' })
    })

    it('refuses a signature too short to compare, an expired link, and a link without exp, with no 500', async () => {
      const link = signed('?ref=FLOW9--user_id--cust-x')
      const signature = link.signature as NonNullable<typeof link.signature>
      const cases: [unknown, string][] = [
        [{ ...signature, sig: 'short' }, 'invalid_signature'],
        [{ ...signature, params: { ...signature.params, exp: undefined } }, 'missing_expiry'],
        [signed('?ref=FLOW9--user_id--cust-x', -10).signature, 'signature_expired'],
      ]
      for (const [sig, code] of cases) {
        const result = await visitor(server.base).session({ ...link, signature: sig })
        expect(result.status).toBe(200)
        expect(result.body.results).toContainEqual(expect.objectContaining({ id: 'signature', code }))
        expect(result.body.results).toContainEqual(expect.objectContaining({ id: 'user.user_id', code: 'unsigned_user_id' }))
      }
    })
  })

  describe("a client id is the visitor's own", () => {
    it("answers another visitor's intentId by applying this visitor's own link", async () => {
      const first = visitor(server.base)
      const mine = await first.session(intentOf('?ref=FLOW9--email--first%40example.com'), 'shared-intent-id')
      const second = visitor(server.base)
      const theirs = await second.session(intentOf('?ref=giveaway--456'), 'shared-intent-id')
      expect(theirs.body).toMatchObject({ replayed: false, link: 'giveaway', start: 'giveaway' })
      expect(theirs.body.contactId).not.toBe(mine.body.contactId)
      expect(JSON.stringify(theirs.body)).not.toContain('first@example.com')
      expect((await second.me()).body.fields).toEqual([{ id: '738', name: 'coupon', value: '456' }])
      // The first visitor's retry is still a replay of their own.
      const retry = await first.session(intentOf('?ref=FLOW9--email--first%40example.com'), 'shared-intent-id')
      expect(retry.body).toMatchObject({ replayed: true, contactId: mine.body.contactId })
    })

    it('keeps update and message ids apart for two devices of one signed customer', async () => {
      const userId = `two-devices-${unique(6)}`
      const laptop = visitor(server.base)
      const phone = visitor(server.base)
      const a = await laptop.session(signed(`?ref=FLOW9--user_id--${userId}`))
      const b = await phone.session(signed(`?ref=FLOW9--user_id--${userId}`))
      expect(b.body.contactId).toBe(a.body.contactId)
      await laptop.open()
      const first = await laptop.updates([{ id: 'same', type: 'variable', key: 'city', value: 'Lyon' }])
      const second = await phone.updates([{ id: 'same', type: 'variable', key: 'city', value: 'Oslo' }])
      expect(first.body.results[0]).toMatchObject({ status: 'stored', duplicate: false })
      expect(second.body.results[0]).toMatchObject({ status: 'stored', duplicate: false })
      expect((await laptop.me()).body.variables.city).toBe('Oslo')
      expect((await laptop.say('from the laptop', 'msg-1')).body.duplicate).toBe(false)
      const phoneSays = await phone.say('from the phone', 'msg-1')
      expect(phoneSays.body.duplicate).toBe(false)
      expect(phoneSays.body.messages[0].text).toBe('from the phone')
    })
  })

  describe('bad input gets a 4xx, never a 500 or a silent change', () => {
    const session = (token: string, body: unknown) =>
      raw('/v1/bots/demo/session', JSON.stringify(body), { Authorization: `Bearer ${token}` })

    it('refuses a JSON payload nested 10,000 deep, or 33 deep, and a long string inside one', async () => {
      // Written as text: JSON.stringify itself cannot write 10,000 levels.
      const nested = (depth: number, leaf: string) => `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`
      const intentWith = (json: string) => `{"intent":${JSON.stringify(rawIntent({})).replace(/}$/, `,"json":${json}}`)},"intentId":"deep"}`
      const long = (n: number) => JSON.stringify('x'.repeat(n))
      for (const json of [nested(10_000, '1'), nested(33, '1'), nested(1, long(1025)), nested(1_000, long(2000))]) {
        const token = newToken()
        const result = await raw('/v1/bots/demo/session', intentWith(json), { Authorization: `Bearer ${token}` })
        expect(result.status).toBe(400)
        expect(result.body.error.code).toMatch(/^invalid_intent|too_many_values$/)
        expect((await visitor(server.base, 'demo', token).me()).status).toBe(404)
      }
      // 32 levels, and a string of exactly 1,024 characters, are what the decoder keeps: accepted.
      const ok = await raw('/v1/bots/demo/session', intentWith(nested(32, long(1024))), { Authorization: `Bearer ${newToken()}` })
      expect(ok.status).toBe(200)
    })

    it('caps every count of an intent instead of storing it', async () => {
      const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']))
      const cases = [
        { user: many(5000) },
        { variables: many(5000) },
        { variables: many(101) },
        { fields: Array.from({ length: 101 }, (_, i) => ({ key: `f${i}`, value: 'v' })) },
        { rejected: Array.from({ length: 1500 }, () => ({ part: '', reason: '' })) },
        { rejected: Array.from({ length: 201 }, () => ({ part: '', reason: '' })) },
        { ref: 'r'.repeat(8193) },
      ]
      for (const extra of cases) {
        const result = await session(newToken(), { intent: rawIntent(extra), intentId: 'many' })
        expect(result.status, JSON.stringify(Object.keys(extra))).toBe(400)
        expect(result.body.error.code).toBe('invalid_intent')
      }
      const atLimit = await session(newToken(), { intent: rawIntent({ variables: many(100) }), intentId: 'hundred' })
      expect(atLimit.status).toBe(200)
    })

    it('answers a malformed % in a bot id or an admin path with 400, logging nothing', async () => {
      const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
      try {
        for (const path of ['/v1/bots/%zz', '/v1/bots/%E0%A4%A/session', '/v1/bots/100%']) {
          const response = await fetch(`${server.base}${path}`)
          expect(response.status, path).toBe(400)
          expect((await response.json()).error.code).toBe('invalid_path')
        }
        const adminPath = await fetch(`${server.base}/v1/admin/bots/%zz/links`, { headers: { Authorization: 'Bearer test-admin-token' } })
        expect(adminPath.status).toBe(400)
        const contact = await fetch(`${server.base}/v1/admin/bots/demo/contacts/%E0%A4%A`, {
          headers: { Authorization: 'Bearer test-admin-token' },
        })
        expect(contact.status).toBe(400)
        expect(logged).not.toHaveBeenCalled()
      } finally {
        logged.mockRestore()
      }
    })

    it('refuses lone surrogates and bytes that are not UTF-8, in a field as in a link', async () => {
      const v = visitor(server.base)
      await v.session()
      const lone = await raw('/v1/bots/demo/updates', '{"updates":[{"id":"a","type":"field","key":"coupon","value":"ab\\ud800"}]}', {
        Authorization: `Bearer ${v.token}`,
      })
      expect(lone.status).toBe(400)
      expect(lone.body.error.code).toBe('invalid_unicode')
      const inKey = await raw('/v1/bots/demo/updates', '{"updates":[{"id":"a","type":"field","key":"\\udc00","value":"x"}]}', {
        Authorization: `Bearer ${v.token}`,
      })
      expect(inKey.body.error.code).toBe('invalid_unicode')
      const link = await session(newToken(), { intent: rawIntent({ payload: 'x\ud83d' }), intentId: 'lone' })
      expect(link.status).toBe(400)
      const bytes = Buffer.concat([
        Buffer.from('{"updates":[{"id":"b","type":"field","key":"coupon","value":"'),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('"}]}'),
      ])
      const badBytes = await raw('/v1/bots/demo/updates', bytes, { Authorization: `Bearer ${v.token}` })
      expect(badBytes.body.error.code).toBe('invalid_utf8')
      // A real pair (an emoji) is text and is stored as sent.
      const emoji = await v.updates([{ id: 'c', type: 'field', key: 'coupon', value: 'gift 🎁' }])
      expect(emoji.body.results[0].status).toBe('stored')
      expect((await v.me()).body.fields).toEqual([{ id: '738', name: 'coupon', value: 'gift 🎁' }])
    })

    it('refuses a number beyond 2^53 rather than store it rounded', async () => {
      const token = newToken()
      const result = await raw(
        '/v1/bots/demo/session',
        `{"intent":${JSON.stringify(rawIntent({})).replace(/}$/, ',"json":{"eId":12345678901234567890}}')},"intentId":"big"}`,
        { Authorization: `Bearer ${token}` },
      )
      expect(result.status).toBe(400)
      expect(result.body.error.code).toBe('unsafe_number')
      const update = await raw('/v1/bots/demo/updates', '{"updates":[{"id":"n","type":"field","key":"coupon","value":9007199254740993}]}', {
        Authorization: `Bearer ${token}`,
      })
      expect(update.body.error.code).toBe('unsafe_number')
    })

    it('caps the event streams one visitor holds open', async () => {
      const v = visitor(server.base)
      await v.session()
      const controllers: AbortController[] = []
      const openStream = async () => {
        const controller = new AbortController()
        controllers.push(controller)
        const response = await fetch(`${server.base}/v1/bots/demo/events`, {
          headers: { Authorization: `Bearer ${v.token}` },
          signal: controller.signal,
        })
        return response
      }
      try {
        for (let i = 0; i < 8; i++) expect((await openStream()).status).toBe(200)
        const ninth = await openStream()
        expect(ninth.status).toBe(429)
        expect((await ninth.json()).error.code).toBe('too_many_streams')
        // Another visitor is not held back by this one.
        const other = visitor(server.base)
        await other.session()
        const response = await fetch(`${server.base}/v1/bots/demo/events`, { headers: { Authorization: `Bearer ${other.token}` } })
        expect(response.status).toBe(200)
        await response.body?.cancel()
        // Closing a stream gives its place back.
        controllers[0].abort()
        await expect.poll(async () => (await openStream()).status).toBe(200)
      } finally {
        for (const controller of controllers) controller.abort()
      }
    })

    it('logs no stack trace when a client aborts an upload', async () => {
      const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
      try {
        const { port } = new URL(server.base)
        for (let i = 0; i < 3; i++) {
          await new Promise<void>((resolve) => {
            const req = request({
              host: '127.0.0.1',
              port,
              method: 'POST',
              path: '/v1/bots/demo/updates',
              headers: { Authorization: `Bearer ${newToken()}`, 'Content-Type': 'application/json', 'Content-Length': '5000' },
            })
            req.on('error', () => resolve())
            req.write('{"updates":[')
            setTimeout(() => {
              req.destroy()
              resolve()
            }, 50)
          })
        }
        await new Promise((r) => setTimeout(r, 200))
        expect(logged).not.toHaveBeenCalled()
      } finally {
        logged.mockRestore()
      }
    })
  })

  describe('the admin API', () => {
    it('shows a contact its signed identity and nothing planted', async () => {
      const v = visitor(server.base)
      const s = await v.session(rawIntent({ user: { userId: 'planted' } }))
      const contact = await admin(server.base, `/contacts/${s.body.contactId}`)
      expect(contact.body.user).toEqual({})
    })
  })
})
