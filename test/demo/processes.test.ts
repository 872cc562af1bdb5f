import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseEntryLink } from '../../widget/entry/index.ts'
import { POSTGRES, type TestDatabase } from './engines.ts'
import { kill, spawnDemo, visitor } from './server-harness.ts'

// docs/deploy.md, "More than one process": two processes on one PostgreSQL database.
describe.skipIf(!POSTGRES)('two processes on one PostgreSQL database', () => {
  let database: TestDatabase
  let a: Awaited<ReturnType<typeof spawnDemo>>
  let b: Awaited<ReturnType<typeof spawnDemo>>
  beforeAll(async () => {
    database = await (POSTGRES as NonNullable<typeof POSTGRES>).create()
    ;[a, b] = await Promise.all([spawnDemo('', database.env), spawnDemo('', database.env)])
  })
  afterAll(async () => {
    await Promise.all([kill(a.child), kill(b.child)])
    await database.dispose()
  })

  it('continue one conversation whichever of them each request reaches', async () => {
    const token = visitor(a.base).token
    const [viaA, viaB] = [visitor(a.base, 'demo', token), visitor(b.base, 'demo', token)]
    const session = await viaA.session(parseEntryLink('https://shop.example/?ref=giveaway--T-7'), 'two-1')
    expect((await viaB.session(parseEntryLink('https://shop.example/?ref=giveaway--T-7'), 'two-1')).body).toMatchObject({
      contactId: session.body.contactId,
      replayed: true,
    })
    const opened = await viaB.open()
    expect(opened.body.messages[0].text).toBe("You're in the giveaway with ticket T-7.")
    await viaA.say('ann@example.com', 'two-m1')
    expect((await viaB.say('ann@example.com', 'two-m1')).body.duplicate).toBe(true)
    const history = await viaB.call('GET', '/messages?after=0')
    expect(history.body.messages.map((m: { text?: string }) => m.text)).toContain('ann@example.com')
    expect((await viaA.me()).body.user).toEqual({ email: 'ann@example.com' })
  })

  it('apply a write sent to both at once exactly once', async () => {
    const token = visitor(a.base).token
    const [viaA, viaB] = [visitor(a.base, 'demo', token), visitor(b.base, 'demo', token)]
    await viaA.session()
    const update = [{ id: 'both', type: 'field', key: 'shoe_size', value: '42' }]
    const answers = await Promise.all([viaA.updates(update), viaB.updates(update), viaA.updates(update), viaB.updates(update)])
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200])
    expect(answers.filter((answer) => answer.body.results[0].duplicate === false)).toHaveLength(1)
  })

  it('deliver to an event stream held open by one what was posted through the other', async () => {
    const viaA = visitor(a.base)
    const token = viaA.token
    await viaA.session()
    const opened = await viaA.open()
    const controller = new AbortController()
    const stream = await fetch(`${b.base}/v1/bots/demo/events`, {
      headers: { Authorization: `Bearer ${token}` },
      signal: controller.signal,
    })
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader()
    let text = ''
    const until = async (seq: number) => {
      while (!new RegExp(`^id: ${seq}$`, 'm').test(text)) text += new TextDecoder().decode((await reader.read()).value)
    }
    try {
      await until(opened.body.messages.at(-1).seq)
      const said = await viaA.say('hello from the other process')
      await until(said.body.messages.at(-1).seq)
    } finally {
      controller.abort()
    }
    const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]))
    expect(ids).toEqual(ids.map((_, i) => i + 1))
    expect(text).toContain('hello from the other process')
  })

  it('catch up on what was posted while the connection that listens was lost', async () => {
    const viaA = visitor(a.base)
    await viaA.session()
    const opened = await viaA.open()
    const controller = new AbortController()
    const stream = await fetch(`${b.base}/v1/bots/demo/events`, {
      headers: { Authorization: `Bearer ${viaA.token}` },
      signal: controller.signal,
    })
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader()
    let text = ''
    const until = async (seq: number) => {
      while (!new RegExp(`^id: ${seq}$`, 'm').test(text)) text += new TextDecoder().decode((await reader.read()).value)
    }
    const admin = new pg.Client({ connectionString: database.env.DATABASE_URL })
    await admin.connect()
    try {
      await until(opened.body.messages.at(-1).seq)
      // Every LISTEN connection is cut, as a database restart or a network fault would.
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN doorway_messages'")
      const said = await viaA.say('said while nobody listened')
      await until(said.body.messages.at(-1).seq)
      expect(text).toContain('said while nobody listened')
    } finally {
      controller.abort()
      await admin.end()
    }
  })

  it('share the rate limits: two processes allow the configured rate, not twice it', async () => {
    const env = { ...database.env, RATE_LIMIT_VISITOR: '3/0.01' }
    const [c, d] = await Promise.all([spawnDemo('', env), spawnDemo('', env)])
    try {
      const token = visitor(c.base).token
      const statuses = []
      for (const base of [c.base, d.base, c.base, d.base, c.base]) statuses.push((await visitor(base, 'demo', token).session()).status)
      expect(statuses).toEqual([200, 200, 200, 429, 429])
    } finally {
      await Promise.all([kill(c.child), kill(d.child)])
    }
  })

  it('lose nothing acknowledged when one is killed mid-conversation: the other carries on', async () => {
    const token = visitor(a.base).token
    const [viaA, viaB] = [visitor(a.base, 'demo', token), visitor(b.base, 'demo', token)]
    await viaA.session(parseEntryLink('https://shop.example/?ref=giveaway--T-9'), 'kill-1')
    await viaA.open()
    expect((await viaA.updates([{ id: 'kill-u1', type: 'field', key: 'shoe_size', value: '43' }])).body.results[0].status).toBe('stored')
    await kill(a.child)
    const answer = await viaB.say('bea@example.com')
    expect(answer.body.messages.at(-2).text).toBe("Thanks! We'll write to bea@example.com if you win.")
    expect((await viaB.me()).body.fields).toEqual(
      expect.arrayContaining([
        { id: '738', name: 'coupon', value: 'T-9' },
        { id: '514', name: 'shoe_size', value: '43' },
      ]),
    )
    expect((await viaB.updates([{ id: 'kill-u1', type: 'field', key: 'shoe_size', value: '44' }])).body.results[0].duplicate).toBe(true)
  })
})
