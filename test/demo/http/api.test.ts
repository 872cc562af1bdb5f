import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseEntryLink } from '../../../widget/entry/index.ts'
import { ENGINES } from '../engines.ts'
import { admin, newToken, startServer, visitor } from '../server-harness.ts'

describe.each(ENGINES)('the API on $name', (engine) => {
  let server: Awaited<ReturnType<typeof startServer>>
  beforeAll(async () => {
    server = await startServer({ engine })
  })
  afterAll(() => server.close())

  const intentOf = (query: string) => parseEntryLink(`https://shop.example/${query}`)

  it("tells the widget the bot's public facts, its avatar included, and nothing of its secrets", async () => {
    const response = await fetch(`${server.base}/v1/bots/demo`)
    expect(await response.json()).toEqual({
      id: 'demo',
      name: 'Doorway Shoes',
      tagline: 'A demo bot: answers at once',
      avatar: '/shoe.svg',
    })
  })

  describe('session and the rules for an EntryIntent', () => {
    it("starts a conversation at the link's block when the chat opens, with the payload in the link's field", async () => {
      const v = visitor(server.base)
      const session = await v.session(intentOf('?ref=giveaway--456'))
      expect(session.status).toBe(200)
      expect(session.body).toMatchObject({
        link: 'giveaway',
        start: 'giveaway',
        replayed: false,
        results: [
          { id: 'ref', status: 'stored' },
          { id: 'payload', status: 'stored' },
        ],
      })
      const me = await v.me()
      expect(me.body.fields).toEqual([{ id: '738', name: 'coupon', value: '456' }])
      const open = await v.open()
      expect(open.body.messages[0]).toMatchObject({ seq: 1, from: 'bot', kind: 'text', text: "You're in the giveaway with ticket 456." })
      expect((await v.open()).body.messages).toEqual([])
    })

    it('records an unknown ref and starts at the default block', async () => {
      const v = visitor(server.base)
      const session = await v.session(intentOf('?ref=nosuchlink--x'))
      expect(session.body.start).toBe('welcome')
      expect(session.body.results).toContainEqual(expect.objectContaining({ id: 'ref', status: 'rejected', code: 'unknown_link' }))
      expect((await v.open()).body.messages[0].text).toBe('Hi there! Welcome to Doorway Shoes.')
      const links = await admin(server.base, '/links')
      expect(links.body.links).toContainEqual(expect.objectContaining({ link: 'nosuchlink', known: false, opens: 1 }))
    })

    it("lets block win over the link's own start, and rejects an unknown block", async () => {
      const v = visitor(server.base)
      const session = await v.session(intentOf('?ref=giveaway&bs_ref=block:captured'))
      expect(session.body.start).toBe('captured')
      const bad = await visitor(server.base).session(intentOf('?ref=giveaway&bs_ref=block:nowhere'))
      expect(bad.body.start).toBe('giveaway')
      expect(bad.body.results).toContainEqual(expect.objectContaining({ id: 'block', code: 'unknown_block' }))
    })

    it('validates user, fields and variables against the bot and returns every rejection', async () => {
      const v = visitor(server.base)
      const intent = intentOf(
        '?bs_ref=user:email:ann%40example.com;user:shoe_size:big;user:Source:Ads;user:nofield:1;variables:color:red;variables:mood:happy',
      )
      const session = await v.session(intent)
      const byId = Object.fromEntries(session.body.results.map((r: { id: string }) => [r.id, r]))
      expect(byId['user.email'].status).toBe('stored')
      expect(byId['fields.0.shoe_size']).toMatchObject({ status: 'rejected', code: 'wrong_type' })
      expect(byId['fields.1.Source'].status).toBe('stored')
      expect(byId['fields.2.nofield']).toMatchObject({ status: 'rejected', code: 'unknown_field' })
      expect(byId['variables.color'].status).toBe('stored')
      expect(byId['variables.mood']).toMatchObject({ status: 'rejected', code: 'unknown_variable' })
      const me = await v.me()
      expect(me.body).toMatchObject({
        user: { email: 'ann@example.com' },
        variables: { color: 'red' },
        fields: [{ id: 'Source', value: 'Ads' }],
      })
    })

    it('applies an intent once however often it is sent', async () => {
      const v = visitor(server.base)
      const intent = intentOf('?ref=giveaway--111')
      const first = await v.session(intent, 'intent-once-1')
      const again = await v.session(intent, 'intent-once-1')
      expect(again.body).toMatchObject({ replayed: true, contactId: first.body.contactId, results: first.body.results })
      const links = await admin(server.base, '/links')
      const giveaway = links.body.links.find((l: { link: string }) => l.link === 'giveaway')
      const before = giveaway.opens
      await v.session(intent, 'intent-once-1')
      const after = (await admin(server.base, '/links')).body.links.find((l: { link: string }) => l.link === 'giveaway')
      expect(after.opens).toBe(before)
    })

    it('never attaches a visitor to another contact on an unsigned user_id', async () => {
      const owner = visitor(server.base)
      const signed = await import('../../../demo/bot/signing.ts')
      const secret = 'doorway-demo-signing-secret-not-for-production'
      const link = signed.signLink('https://shop.example/?ref=FLOW9--user_id--cust-42', secret, 600)
      const ownerSession = await owner.session(parseEntryLink(link))
      expect(ownerSession.body.results).toContainEqual({ id: 'signature', status: 'stored' })
      const attacker = visitor(server.base)
      const attack = await attacker.session(intentOf('?ref=FLOW9--user_id--cust-42'))
      expect(attack.body.contactId).not.toBe(ownerSession.body.contactId)
      expect(attack.body.results).toContainEqual(expect.objectContaining({ id: 'user.user_id', code: 'unsigned_user_id' }))
      // What the attacker's own contact holds: not the id they sent.
      expect((await attacker.me()).body.user).toEqual({})
      expect((await owner.me()).body.user).toEqual({ user_id: 'cust-42' })
    })

    it('lets a valid signed user_id select the existing contact', async () => {
      const { signLink } = await import('../../../demo/bot/signing.ts')
      const secret = 'doorway-demo-signing-secret-not-for-production'
      const first = visitor(server.base)
      const a = await first.session(
        parseEntryLink(signLink('https://s.example/?ref=FLOW9--user_id--cust-77--email--c%40d.co', secret, 600)),
      )
      const second = visitor(server.base)
      const b = await second.session(parseEntryLink(signLink('https://s.example/?ref=FLOW9--user_id--cust-77', secret, 600)))
      expect(b.body.contactId).toBe(a.body.contactId)
      expect((await second.me()).body.user).toMatchObject({ email: 'c@d.co', user_id: 'cust-77' })
    })

    it('rejects a forged, tampered or expired signature and treats the link as unsigned', async () => {
      const { signLink } = await import('../../../demo/bot/signing.ts')
      const secret = 'doorway-demo-signing-secret-not-for-production'
      const good = signLink('https://s.example/?ref=FLOW9--user_id--cust-9', secret, 600)
      const tampered = good.replace('cust-9', 'cust-8')
      const forged = signLink('https://s.example/?ref=FLOW9--user_id--cust-9', 'a-different-secret-of-16+', 600)
      const expired = signLink('https://s.example/?ref=FLOW9--user_id--cust-9', secret, 60, { nowSeconds: 1_000_000 })
      for (const [link, code] of [
        [tampered, 'invalid_signature'],
        [forged, 'invalid_signature'],
        [expired, 'signature_expired'],
      ]) {
        const result = await visitor(server.base).session(parseEntryLink(link))
        expect(result.body.results).toContainEqual(expect.objectContaining({ id: 'signature', code }))
        expect(result.body.results).toContainEqual(expect.objectContaining({ id: 'user.user_id', code: 'unsigned_user_id' }))
      }
    })

    it('does not apply a link made for another bot', async () => {
      const result = await visitor(server.base).session(intentOf('?p=otherbot&ref=giveaway--1'))
      expect(result.body.results).toEqual([expect.objectContaining({ id: 'bot', code: 'wrong_bot' })])
    })

    it("passes the decoder's rejections back and shows them in the summary block", async () => {
      const v = visitor(server.base)
      const session = await v.session(intentOf('?ref=FLOW9--email--%7B%7Bemail%7D%7D--account_id--42'))
      expect(session.body.decoderRejections).toHaveLength(1)
      const open = await v.open()
      expect(open.body.messages[0].text).toContain('Here is everything your link carried:')
      expect(open.body.messages[0].text).toContain('Field account_id: 42')
      expect(open.body.messages[0].text).toContain('Rejected by the widget: email--{{email}}')
    })

    it('counts per entry link the opens and the contacts whose fields it set', async () => {
      for (let i = 0; i < 3; i++) await visitor(server.base).session(intentOf(`?ref=tutorial${i === 2 ? '' : `--p${i}`}`))
      const links = await admin(server.base, '/links')
      expect(links.body.links).toContainEqual({ link: 'tutorial', known: true, opens: 3, contactsWithFields: 2 })
    })
  })

  describe('updates', () => {
    it('stores each update once however often it is retried, with a result per field', async () => {
      const v = visitor(server.base)
      await v.session()
      const batch = [
        { id: 'u1', type: 'field', key: 'shoe_size', value: '42' },
        { id: 'u2', type: 'field', key: '514', value: 'big' },
        { id: 'u3', type: 'field', key: 'nope', value: 'x' },
        { id: 'u4', type: 'user', key: 'First Name', value: 'Ann' },
        { id: 'u5', type: 'variable', key: 'city', value: 'Lyon' },
        { id: 'u6', type: 'user', key: 'user_id', value: 'someone-else' },
      ]
      const first = await v.updates(batch)
      expect(first.body.results.map((r: { id: string; status: string; code?: string }) => [r.id, r.status, r.code])).toEqual([
        ['u1', 'stored', undefined],
        ['u2', 'rejected', 'wrong_type'],
        ['u3', 'rejected', 'unknown_field'],
        ['u4', 'stored', undefined],
        ['u5', 'stored', undefined],
        ['u6', 'rejected', 'unsigned_user_id'],
      ])
      // The widget's ids are random per update: the same id again is its retry, answered with the first result.
      expect((await v.updates([{ id: 'u1', type: 'field', key: 'shoe_size', value: '99' }])).body.results[0]).toMatchObject({
        status: 'stored',
        duplicate: true,
      })
      const retried = await v.updates(batch)
      expect(retried.body.results.every((r: { duplicate: boolean }) => r.duplicate)).toBe(true)
      expect((await v.me()).body).toMatchObject({
        user: { first_name: 'Ann' },
        variables: { city: 'Lyon' },
        fields: [{ id: '514', value: '42' }],
      })
    })

    it('creates the contact on the first update, even before a session', async () => {
      const v = visitor(server.base)
      const result = await v.updates([{ id: 'a', type: 'field', key: 'coupon', value: 'X1' }])
      expect(result.body.results[0].status).toBe('stored')
    })
  })

  describe('messages and events', () => {
    it('answers quick replies and typed answers, re-asking on bad input', async () => {
      const v = visitor(server.base)
      await v.session()
      const open = await v.open()
      const menu = open.body.messages.find((m: { kind: string }) => m.kind === 'quick_replies')
      expect(menu.options.map((o: { title: string }) => o.title)).toContain('Find my size')
      const chosen = await v.choose(menu.seq, 3)
      expect(chosen.body.messages.map((m: { from: string; text: string }) => [m.from, m.text])).toEqual([
        ['visitor', 'Find my size'],
        ['bot', 'What shoe size do you wear? (36 to 46)'],
      ])
      const wrong = await v.say('forty-two')
      expect(wrong.body.messages.at(-1).text).toBe('Please answer with a number, like 42.')
      const right = await v.say('42', 'answer-42')
      expect(right.body.messages[1].text).toBe('Size 42 noted: the Trail Runner is in stock in black.')
      const dup = await v.say('42', 'answer-42')
      expect(dup.body).toMatchObject({ duplicate: true, messages: right.body.messages })
    })

    it('answers free text with the fallback block when the bot is not waiting for an answer', async () => {
      const v = visitor(server.base)
      await v.session()
      await v.open()
      const reply = await v.say('do you ship to Norway?')
      expect(reply.body.messages.map((m: { from: string; text: string }) => [m.from, m.text])).toEqual([
        ['visitor', 'do you ship to Norway?'],
        ['bot', "I'm a demo bot: I understand the buttons, and the answers to my questions."],
        ['bot', 'What would you like to do?'],
      ])
    })

    it('renders values as text and never re-reads them as templates', async () => {
      const v = visitor(server.base)
      await v.session(intentOf('?bs_ref=user:first%20name:%7B%7Bemail%7D%7D%3Cb%3E;user:email:x%40y.co'))
      const open = await v.open()
      expect(open.body.messages[0].text).toBe('Hi {{email}}<b>! Welcome to Doorway Shoes.')
    })

    it('streams messages as Server-Sent Events, resumable with Last-Event-ID', async () => {
      const v = visitor(server.base)
      await v.session()
      await v.open()
      const read = async (headers: Record<string, string>, want: number) => {
        const controller = new AbortController()
        const response = await fetch(`${server.base}/v1/bots/demo/events`, {
          headers: { Authorization: `Bearer ${v.token}`, ...headers },
          signal: controller.signal,
        })
        expect(response.headers.get('content-type')).toContain('text/event-stream')
        const reader = (response.body as ReadableStream<Uint8Array>).getReader()
        let text = ''
        while ((text.match(/^id: /gm) ?? []).length < want) text += new TextDecoder().decode((await reader.read()).value)
        controller.abort()
        return [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]))
      }
      expect(await read({}, 2)).toEqual([1, 2])
      // A backlog longer than one page of the store comes whole.
      const { contactId } = (await v.me()).body
      await server.store.transaction(async (tx) => {
        for (let i = 0; i < 1200; i++) await tx.addMessage(contactId, 'bot', { kind: 'text', text: `m${i}` }, undefined, null)
      })
      const all = await read({}, 1202)
      expect(all).toHaveLength(1202)
      expect(all.at(-1)).toBe(1202)
      expect((await read({ 'Last-Event-ID': '1' }, 1))[0]).toBe(2)
      // A live message arrives on an open stream: the choice is made only once the stream has
      // answered, so its backlog is already sent and 1203, 1204 can only come live.
      const controller = new AbortController()
      const stream = await fetch(`${server.base}/v1/bots/demo/events`, {
        headers: { Authorization: `Bearer ${v.token}`, 'Last-Event-ID': '1202' },
        signal: controller.signal,
      })
      const reader = (stream.body as ReadableStream<Uint8Array>).getReader()
      let text = new TextDecoder().decode((await reader.read()).value)
      expect(text).toContain('retry: 2000')
      expect(text).not.toMatch(/^id: /m)
      await v.choose(2, 0)
      while ((text.match(/^id: /gm) ?? []).length < 2) text += new TextDecoder().decode((await reader.read()).value)
      controller.abort()
      const live = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]))
      expect(live.slice(0, 2)).toEqual([1203, 1204])
    })
  })

  describe('bad input on every endpoint', () => {
    const post = (path: string, body: string, headers: Record<string, string> = {}) =>
      fetch(`${server.base}/v1/bots/demo${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${newToken()}`, 'Content-Type': 'application/json', ...headers },
        body,
      }).then(async (r) => ({ status: r.status, body: await r.json() }))

    it.each(['/session', '/updates', '/messages', '/conversation/open'])(
      'answers malformed JSON on %s with a stable code and no stack',
      async (path) => {
        const result = await post(path, '{"intent": ')
        expect(result.status).toBe(400)
        expect(result.body.error.code).toBe('invalid_json')
        expect(JSON.stringify(result.body)).not.toMatch(/at .*\.ts/)
      },
    )

    it.each(['/session', '/updates', '/messages'])('refuses an oversize body on %s', async (path) => {
      const result = await post(path, JSON.stringify({ pad: 'x'.repeat(70_000) }))
      expect(result).toMatchObject({ status: 413, body: { error: { code: 'body_too_large' } } })
    })

    it.each([
      ['/session', { intent: 'nope', intentId: 'a' }, 'invalid_intent'],
      ['/session', { intent: { fields: [{ key: 1 }] }, intentId: 'a' }, 'invalid_intent'],
      ['/session', { intent: { user: {} } }, 'missing_intent_id'],
      ['/session', { intent: { user: { email: 5 } }, intentId: 'x' }, 'invalid_intent'],
      ['/updates', { updates: 'x' }, 'invalid_body'],
      ['/updates', { updates: [{ id: 'bad id!', type: 'field', key: 'a', value: 'b' }] }, 'invalid_id'],
      ['/updates', { updates: [{ id: 'a', type: 'other', key: 'a', value: 'b' }] }, 'invalid_update'],
      [
        '/updates',
        { updates: Array.from({ length: 101 }, (_, i) => ({ id: `u${i}`, type: 'field', key: 'coupon', value: 'v' })) },
        'too_many_updates',
      ],
      ['/messages', { id: 'm1' }, 'invalid_message'],
      ['/messages', { id: 'm1', text: 'a', choice: { seq: 1, index: 0 } }, 'invalid_message'],
      ['/messages', { id: 'm1', choice: { seq: 'x', index: 0 } }, 'invalid_message'],
      ['/messages', { id: 'm1', text: 'x'.repeat(2001) }, 'text_too_long'],
      ['/session', [], 'invalid_body'],
    ])('answers %s %j with %s', async (path, body, code) => {
      const result = await post(path, JSON.stringify(body))
      expect(result.status).toBe(400)
      expect(result.body.error.code).toBe(code)
      expect(result.body.error.message.length).toBeGreaterThan(10)
    })

    it('answers a wrong content type, a missing or malformed token and an unknown bot', async () => {
      expect((await post('/session', '{}', { 'Content-Type': 'text/plain' })).status).toBe(415)
      const noToken = await fetch(`${server.base}/v1/bots/demo/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      })
      expect(noToken.status).toBe(401)
      expect((await noToken.json()).error.code).toBe('missing_token')
      expect((await post('/session', '{}', { Authorization: 'Bearer short' })).body.error.code).toBe('invalid_token')
      const unknown = await fetch(`${server.base}/v1/bots/nobot/session`, { method: 'POST' })
      expect(unknown.status).toBe(404)
      expect((await unknown.json()).error.code).toBe('unknown_bot')
    })

    it('answers bad reads with a stable code too', async () => {
      const v = visitor(server.base)
      await v.session()
      expect((await v.call('GET', '/messages?after=-1')).body.error.code).toBe('invalid_cursor')
      expect((await v.call('GET', '/events', undefined, { 'Last-Event-ID': 'abc' })).body.error.code).toBe('invalid_cursor')
      expect((await visitor(server.base).call('GET', '/me')).body.error.code).toBe('unknown_visitor')
      const noToken = await fetch(`${server.base}/v1/bots/demo/events`)
      expect(noToken.status).toBe(401)
      expect((await fetch(`${server.base}/v1/bots/demo/nothing`)).status).toBe(404)
      expect((await fetch(`${server.base}/v1/nothing`)).status).toBe(404)
      const wrongMethod = await fetch(`${server.base}/v1/bots/demo/session`, { method: 'GET' })
      expect(wrongMethod.status).toBe(405)
      expect((await wrongMethod.json()).error.code).toBe('method_not_allowed')
    })

    it('refuses a visitor without a session on endpoints that need one', async () => {
      expect((await post('/messages', JSON.stringify({ id: 'm', text: 'hi' }))).body.error.code).toBe('unknown_visitor')
    })

    it('refuses a choice that was never offered', async () => {
      const v = visitor(server.base)
      await v.session()
      await v.open()
      expect((await v.choose(1, 9)).body.error.code).toBe('invalid_choice')
    })

    it("allows only the bot's origins, and answers CORS preflights for them", async () => {
      const evil = await post('/session', '{}', { Origin: 'https://evil.example' })
      expect(evil).toMatchObject({
        status: 403,
        body: {
          error: {
            code: 'origin_not_allowed',
            message: `this page's origin https://evil.example is not allowed for bot "demo": add it to "allowedOrigins" in the bot's file (or, with npm run demo, to ALLOWED_ORIGINS)`,
          },
        },
      })
      // Readable by the refused page: its widget says what to change. Nothing was applied.
      const refused = await fetch(`${server.base}/v1/bots/demo/session`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${newToken()}`, 'Content-Type': 'application/json', Origin: 'https://evil.example' },
        body: '{}',
      })
      expect([refused.status, refused.headers.get('access-control-allow-origin')]).toEqual([403, 'https://evil.example'])
      const evilPreflight = await fetch(`${server.base}/v1/bots/demo/session`, {
        method: 'OPTIONS',
        headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
      })
      expect(evilPreflight.status).toBe(204)
      const preflight = await fetch(`${server.base}/v1/bots/demo/session`, {
        method: 'OPTIONS',
        headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST' },
      })
      expect(preflight.status).toBe(204)
      expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
      expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization')
    })

    it('guards the admin API with the admin token', async () => {
      const response = await fetch(`${server.base}/v1/admin/bots/demo/links`)
      expect(response.status).toBe(401)
      expect((await response.json()).error.code).toBe('admin_token_required')
      expect((await admin(server.base, '/contacts/c_nope')).status).toBe(404)
    })
  })

  describe('rate limits', () => {
    it('limits requests per visitor and per address with 429 and Retry-After', async () => {
      const limited = await startServer({ engine, visitorRate: [3, 0.5], addressRate: [1000, 100] })
      try {
        const v = visitor(limited.base)
        const statuses = []
        for (let i = 0; i < 5; i++) statuses.push((await v.session()).status)
        expect(statuses).toEqual([200, 200, 200, 429, 429])
        const last = await v.session()
        expect(last.headers.get('retry-after')).toMatch(/^\d+$/)
        expect(last.body.error.code).toBe('rate_limited')
        // another visitor from the same address is not held back by the first one's limit
        expect((await visitor(limited.base).session()).status).toBe(200)
      } finally {
        await limited.close()
      }
      const byAddress = await startServer({ engine, visitorRate: [100, 100], addressRate: [2, 0.1] })
      try {
        const statuses = []
        for (let i = 0; i < 3; i++) statuses.push((await visitor(byAddress.base).session()).status)
        expect(statuses).toEqual([200, 200, 429])
      } finally {
        await byAddress.close()
      }
    })
  })
})
