import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseEntryLink } from '../../../widget/entry/index.ts'
import { ENGINES } from '../engines.ts'
import { startServer, visitor } from '../server-harness.ts'
import { startReceiver, until } from '../webhooks/receiver.ts'
import { API_KEY, botApi, botsWithGreeter, openStream } from './harness.ts'

describe.each(ENGINES)('the bot API on $name', (engine) => {
  let server: Awaited<ReturnType<typeof startServer>>
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  let api: ReturnType<typeof botApi>
  beforeAll(async () => {
    receiver = await startReceiver()
    server = await startServer({ engine, bots: botsWithGreeter(receiver.url), webhookSettings: { pollMs: 20 } })
    api = botApi(server.base)
  })
  afterAll(async () => {
    await server.server.context.webhookSender?.stop()
    await server.close()
    await receiver.close()
  })

  /** A greeter visitor with a conversation, and its contact id. */
  const newVisitor = async (query = '') => {
    const v = visitor(server.base, 'greeter')
    const session = await v.session(query ? parseEntryLink(`https://shop.example/${query}`) : undefined)
    return { v, contact: session.body.contactId as string }
  }
  const eventsOf = (contact: string, type: string) =>
    receiver
      .accepted()
      .map((r) => JSON.parse(r.body))
      .filter((body) => body.contactId === contact && body.type === type)

  describe('who may call it', () => {
    it('refuses a call without the key, with another key, from a browser, and on a bot without the API', async () => {
      const { contact } = await newVisitor()
      const none = await fetch(`${server.base}/v1/bot-api/bots/greeter/contacts/${contact}`)
      expect(none.status).toBe(401)
      expect((await none.json()).error.code).toBe('api_key_required')
      const wrong = await botApi(server.base, 'greeter', `${API_KEY}x`)('GET', contact)
      expect(wrong).toMatchObject({ status: 401, body: { error: { code: 'invalid_api_key' } } })
      const page = await api('GET', contact, undefined, { Origin: 'http://127.0.0.1:5173' })
      expect(page).toMatchObject({ status: 403, body: { error: { code: 'browser_not_allowed' } } })
      // The scheme's name is case-insensitive.
      expect((await api('GET', contact, undefined, { Authorization: `bearer ${API_KEY}` })).status).toBe(200)
      const demo = await botApi(server.base, 'demo')('GET', contact)
      expect(demo).toMatchObject({ status: 403, body: { error: { code: 'bot_api_off' } } })
    })

    it("answers 404 for a contact that is not the bot's", async () => {
      const other = visitor(server.base, 'demo')
      const session = await other.session()
      expect((await api('GET', session.body.contactId)).body.error.code).toBe('unknown_contact')
      expect((await api('GET', 'c_nosuchcontact')).status).toBe(404)
    })
  })

  it("counts a call with the bot's key against the bot's bucket, not its address's, and a refused one against the address", async () => {
    const limited = await startServer({
      engine,
      bots: botsWithGreeter(receiver.url),
      visitorRate: [100, 100],
      addressRate: [4, 0.01],
      botApiRate: [3, 0.01],
    })
    try {
      const session = await visitor(limited.base, 'greeter').session()
      expect(session.status).toBe(200)
      const contact = session.body.contactId as string
      const call = botApi(limited.base)
      for (let i = 0; i < 3; i++) expect((await call('GET', contact)).status).toBe(200)
      const over = await fetch(`${limited.base}/v1/bot-api/bots/greeter/contacts/${contact}`, {
        headers: { Authorization: `Bearer ${API_KEY}` },
      })
      expect(over.status).toBe(429)
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0)
      expect((await over.json()).error).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('from bot "greeter"') })
      // The four calls with the key took nothing from the address: three of its four are left.
      expect((await fetch(`${limited.base}/v1/bots/greeter`)).status).toBe(200)
      const guess = botApi(limited.base, 'greeter', 'not-the-key')
      expect((await guess('GET', contact)).status).toBe(401)
      expect((await guess('GET', contact)).status).toBe(401)
      // Guessing keys is held by the address's limit, and so is a call on a bot without the API.
      expect((await guess('GET', contact)).body.error).toMatchObject({
        code: 'rate_limited',
        message: expect.stringContaining('this address'),
      })
      expect((await botApi(limited.base, 'demo')('GET', contact)).status).toBe(429)
      // Once the address is out of tokens its key is not even looked at: the right key gets
      // the same 429 as a wrong one, so a guesser learns nothing from the answer.
      expect((await guess('GET', contact)).status).toBe(429)
      expect((await call('GET', contact)).body.error).toMatchObject({
        code: 'rate_limited',
        message: expect.stringContaining('this address'),
      })
    } finally {
      await limited.server.context.webhookSender?.stop()
      await limited.close()
    }
  })

  describe('posting messages', () => {
    const kinds = [
      { id: 'k1', kind: 'text', text: 'Hello' },
      { id: 'k2', kind: 'quick_replies', text: 'Pick one', options: [{ title: 'Sizes' }, { title: 'Delivery' }] },
      { id: 'k3', kind: 'buttons', text: 'See', options: [{ title: 'Shop', url: 'https://shop.example/' }, { title: 'Ask' }] },
      { id: 'k4', kind: 'image', image: { url: 'https://shop.example/shoe.png', alt: 'A green shoe' } },
      {
        id: 'k5',
        kind: 'card',
        card: { title: 'Trail Runner', subtitle: '€89', image: 'https://shop.example/t.png' },
        options: [{ title: 'Buy' }],
      },
    ]

    it('posts every kind the widget renders; the visitor reads them in order, on the stream at once', async () => {
      const { v, contact } = await newVisitor()
      const stream = await openStream(server.base, 'greeter', v.token)
      const posted = []
      for (const message of kinds) {
        const answer = await api('POST', `${contact}/messages`, message)
        expect(answer.status).toBe(201)
        posted.push(answer.body.message)
      }
      expect(posted.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5])
      expect(posted[1]).toMatchObject({
        from: 'bot',
        kind: 'quick_replies',
        options: [
          { index: 0, title: 'Sizes' },
          { index: 1, title: 'Delivery' },
        ],
      })
      expect(posted[2].options[0]).toEqual({ index: 0, title: 'Shop', url: 'https://shop.example/' })
      expect(posted[4]).toMatchObject({
        kind: 'card',
        card: { title: 'Trail Runner', subtitle: '€89' },
        options: [{ index: 0, title: 'Buy' }],
      })
      const history = await v.call('GET', '/messages')
      expect(history.body.messages).toEqual(posted)
      await stream.until(/id: 5\nevent: message\ndata: .*"Trail Runner"/)
      await stream.close()
    })

    it('posts a message once however often its id is sent', async () => {
      const { v, contact } = await newVisitor()
      const first = await api('POST', `${contact}/messages`, { id: 'same', kind: 'text', text: 'Once' })
      const again = await api('POST', `${contact}/messages`, { id: 'same', kind: 'text', text: 'Once' })
      expect(again).toMatchObject({ status: 200, body: { duplicate: true, message: first.body.message } })
      // The same id for another message is a mistake, said so rather than ignored.
      const other = await api('POST', `${contact}/messages`, { id: 'same', kind: 'text', text: 'Another' })
      expect(other).toMatchObject({ status: 409, body: { error: { code: 'id_reused' } } })
      expect((await v.call('GET', '/messages')).body.messages).toHaveLength(1)
    })

    it.each([
      [{ kind: 'video', text: 'x' }, 'kind must be one of text, quick_replies, buttons, image, card'],
      [{ kind: 'text', text: '  ' }, 'text must be a string with something visible in it'],
      [{ kind: 'text', text: '\u200b\u3164\u2800' }, 'text must be a string with something visible in it'],
      [{ kind: 'text', text: 'win \u202e!' }, 'text holds a bidi control character'],
      [{ kind: 'quick_replies', text: 'x', options: [{ title: 'Go', url: 'https://a.example/' }] }, 'options[0].url is not a key of it'],
      [
        { kind: 'buttons', text: 'x', options: [{ title: 'Go', url: 'https://user:pw@a.example/' }] },
        'must not hold a user name or password',
      ],
      [{ kind: 'buttons', text: 'x', options: [{ title: 'Go', url: ' https://a.example/' }] }, 'must be written without spaces'],
      [{ kind: 'text', text: 'x'.repeat(2001) }, 'text is 2001 characters; the most is 2000'],
      [{ kind: 'text', text: 'x', options: [] }, '(body).options is not a key of it'],
      [{ kind: 'quick_replies', text: 'x', options: [] }, 'options must be a non-empty array'],
      [{ kind: 'buttons', text: 'x', options: [1, 2, 3, 4].map((n) => ({ title: `b${n}` })) }, 'options has 4 options; the most is 3'],
      [{ kind: 'buttons', text: 'x', options: [{ title: 'Go', url: 'javascript:alert(1)' }] }, 'options[0].url must be an http(s) URL'],
      [{ kind: 'buttons', text: 'x', options: [{ title: 'Go', goto: 'sizes' }] }, 'options[0].goto is not a key of it'],
      [{ kind: 'image', image: { url: 'https://a.example/i.png' } }, 'image.alt must be a string with something visible in it'],
      [{ kind: 'image', image: { url: '/relative.png', alt: 'x' } }, 'image.url "/relative.png" is not an absolute URL'],
      [{ kind: 'card', card: { title: 'x', price: 1 } }, 'card.price is not a key of it'],
    ])('refuses %j: "%s"', async (message, problem) => {
      const { v, contact } = await newVisitor()
      const answer = await api('POST', `${contact}/messages`, { id: 'bad', ...message })
      expect(answer.status).toBe(400)
      expect(answer.body.error.code).toBe('invalid_message')
      expect(answer.body.error.message).toContain(problem)
      expect((await v.call('GET', '/messages')).body.messages).toEqual([])
    })

    it('refuses a message without a usable id', async () => {
      const { contact } = await newVisitor()
      const answer = await api('POST', `${contact}/messages`, { id: 'no spaces', kind: 'text', text: 'x' })
      expect(answer).toMatchObject({ status: 400, body: { error: { code: 'invalid_id' } } })
    })
  })

  it('shows typing on the stream, and refuses a time over 30 seconds', async () => {
    const { v, contact } = await newVisitor()
    const stream = await openStream(server.base, 'greeter', v.token)
    await stream.until(/retry: 2000/)
    expect((await api('POST', `${contact}/typing`, { seconds: 4 })).status).toBe(204)
    await stream.until(/event: typing\ndata: \{"seconds":4\}/)
    expect((await api('POST', `${contact}/typing`, { seconds: 0 })).status).toBe(204)
    await stream.until(/event: typing\ndata: \{"seconds":0\}/)
    for (const seconds of [31, -1, 1.5, '3']) {
      expect((await api('POST', `${contact}/typing`, { seconds })).body.error.code).toBe('invalid_typing')
    }
    // Typing is not stored: the history holds no trace of it.
    expect((await v.call('GET', '/messages')).body.messages).toEqual([])
    await stream.close()
  })

  it('tells a stream that opens while the bot is typing the seconds left, until a message ends it', async () => {
    const { v, contact } = await newVisitor()
    expect((await api('POST', `${contact}/typing`, { seconds: 5 })).status).toBe(204)
    // Signalled before any stream was open (announced through the database on PostgreSQL).
    await new Promise((resolve) => setTimeout(resolve, 200))
    const late = await openStream(server.base, 'greeter', v.token)
    const told = await late.until(/retry: 2000\n\n[\s\S]*?event: typing\ndata: \{"seconds":(\d)\}/)
    expect(Number(told[1])).toBeGreaterThanOrEqual(4)
    expect(Number(told[1])).toBeLessThanOrEqual(5)
    await late.close()
    // The bot's message ends it: a stream opened after it is told nothing of typing.
    expect((await api('POST', `${contact}/messages`, { id: 'after-typing', kind: 'text', text: 'Here I am' })).status).toBe(201)
    await new Promise((resolve) => setTimeout(resolve, 200))
    const after = await openStream(server.base, 'greeter', v.token)
    await after.until(/Here I am/)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(after.text).not.toContain('event: typing')
    await after.close()
    // Nor after it stopped.
    await api('POST', `${contact}/typing`, { seconds: 3 })
    await api('POST', `${contact}/typing`, { seconds: 0 })
    await new Promise((resolve) => setTimeout(resolve, 200))
    const stopped = await openStream(server.base, 'greeter', v.token)
    await stopped.until(/Here I am/)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(stopped.text).not.toContain('event: typing')
    await stopped.close()
  })

  it("sets fields, attributes and variables on the contact with the bot file's checks, each once", async () => {
    const { v, contact } = await newVisitor()
    const updates = [
      { id: 'a', type: 'field', key: 'coupon', value: 'VIP5' },
      { id: 'b', type: 'user', key: 'first_name', value: 'Ann' },
      { id: 'c', type: 'field', key: 'nosuchfield', value: 'x' },
      { id: 'd', type: 'user', key: 'email', value: 'not an email' },
    ]
    const answer = await api('POST', `${contact}/values`, { updates })
    expect(answer.body.results.map((r: { id: string; status: string }) => `${r.id} ${r.status}`)).toEqual([
      'a stored',
      'b stored',
      'c rejected',
      'd rejected',
    ])
    const again = await api('POST', `${contact}/values`, { updates: [updates[0], updates[2]] })
    expect(again.body.results).toEqual([
      { id: 'a', status: 'stored', duplicate: true },
      expect.objectContaining({ id: 'c', status: 'rejected', code: 'unknown_field', duplicate: true }),
    ])
    // The same id with another value would lose that value: refused, and nothing of the request is applied.
    const reused = await api('POST', `${contact}/values`, {
      updates: [
        { id: 'e', type: 'user', key: 'last_name', value: 'Lee' },
        { id: 'a', type: 'field', key: 'coupon', value: 'OTHER' },
      ],
    })
    expect(reused).toMatchObject({
      status: 409,
      body: { error: { code: 'id_reused', message: expect.stringContaining('updates[1].id "a"') } },
    })
    const after = (await v.me()).body
    expect(after).toMatchObject({ user: { first_name: 'Ann' }, fields: [{ name: 'coupon', value: 'VIP5' }] })
    expect(after.user).not.toHaveProperty('last_name')
    // Sent again alone, the first update is applied.
    expect((await api('POST', `${contact}/values`, { updates: [{ id: 'e', type: 'user', key: 'last_name', value: 'Lee' }] })).status).toBe(
      200,
    )
    expect((await v.me()).body.user).toMatchObject({ last_name: 'Lee' })
    // The visitor's own ids are apart from the bot's: the same id "a" is the visitor's first.
    const own = await v.updates([{ id: 'a', type: 'field', key: 'coupon', value: 'MINE' }])
    expect(own.body.results[0]).toMatchObject({ status: 'stored', duplicate: false })
    expect((await api('POST', `${contact}/values`, { updates: 'x' })).body.error.code).toBe('invalid_body')
  })

  it('reads the contact, the link it came through, and the history page by page', async () => {
    const { v, contact } = await newVisitor('?ref=spring--SPRING10')
    await v.say('hello there')
    const read = await api('GET', contact)
    expect(read.body).toMatchObject({ contactId: contact, fields: [{ name: 'coupon', value: 'SPRING10' }], lastSeq: 1 })
    expect(read.body.linkOpens.map((o: { link: string }) => o.link)).toEqual(['spring'])
    const history = await api('GET', `${contact}/messages?after=0`)
    expect(history.body).toMatchObject({ lastSeq: 1, more: false, messages: [{ seq: 1, from: 'visitor', text: 'hello there' }] })
    expect((await api('GET', `${contact}/messages?after=1`)).body.messages).toEqual([])
    for (const after of ['-1', '1.5', '2147483648', '99999999999'])
      expect((await api('GET', `${contact}/messages?after=${after}`)).body.error.code).toBe('invalid_cursor')
    expect((await v.choose(3_000_000_000, 0)).body.error.code).toBe('invalid_message')
    expect((await v.call('GET', '/messages?after=3000000000')).body.error.code).toBe('invalid_cursor')
  })

  it("records a goal of the bot's file once, credited to the contact's first and last links", async () => {
    const { v, contact } = await newVisitor('?ref=spring--A1')
    await v.session(parseEntryLink('https://shop.example/?ref=nosuch--B2'))
    const reached = await api('POST', `${contact}/goals`, { goal: 'sizes' })
    expect(reached).toMatchObject({ status: 201, body: { goal: 'sizes', reached: true, firstLink: 'spring', lastLink: 'nosuch' } })
    expect(await api('POST', `${contact}/goals`, { goal: 'sizes' })).toMatchObject({ status: 200, body: { reached: false } })
    const unknown = await api('POST', `${contact}/goals`, { goal: 'welcome' })
    expect(unknown).toMatchObject({ status: 400, body: { error: { code: 'unknown_goal', message: 'goal must be one of sizes' } } })
  })

  describe('an external bot', () => {
    it('runs no flow: opening and messages are sent to the webhook and nothing answers here', async () => {
      const { v, contact } = await newVisitor('?ref=spring--SPRING10')
      const open = await v.open()
      expect(open.body.messages).toEqual([])
      const said = await v.say('Do you ship to Norway?')
      expect(said.body.messages).toEqual([expect.objectContaining({ from: 'visitor', text: 'Do you ship to Norway?' })])
      await until(() => eventsOf(contact, 'message.received').length === 1)
      expect(eventsOf(contact, 'chat.opened')[0].data).toEqual({ start: 'welcome' })
      expect(eventsOf(contact, 'message.received')[0].data.message.text).toBe('Do you ship to Norway?')
    })

    it("sends a choice of the bot's quick reply as the option's title, and refuses a link button or a missing option", async () => {
      const { v, contact } = await newVisitor()
      const asked = await api('POST', `${contact}/messages`, {
        id: 'q',
        kind: 'quick_replies',
        text: 'Size?',
        options: [{ title: '38' }, { title: '42' }],
      })
      const linked = await api('POST', `${contact}/messages`, {
        id: 'l',
        kind: 'buttons',
        text: 'More',
        options: [{ title: 'Guide', url: 'https://shop.example/sizes' }],
      })
      const chosen = await v.choose(asked.body.message.seq, 1)
      expect(chosen.body.messages).toEqual([expect.objectContaining({ from: 'visitor', text: '42' })])
      await until(() => eventsOf(contact, 'message.received').length === 1)
      expect(eventsOf(contact, 'message.received')[0].data.choice).toEqual({ seq: asked.body.message.seq, index: 1, title: '42' })
      expect((await v.choose(linked.body.message.seq, 0)).body.error.code).toBe('invalid_choice')
      expect((await v.choose(asked.body.message.seq, 5)).body.error.code).toBe('invalid_choice')
    })
  })
})
