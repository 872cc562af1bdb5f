import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseEntryLink } from '../../widget/entry/index.ts'
import { ENGINES, type TestDatabase } from './engines.ts'
import { kill, spawnDemo, visitor } from './server-harness.ts'

describe.each(ENGINES)('a restart in the middle of a conversation, on $name', (engine) => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await engine.create()
  })
  afterAll(() => database.dispose())
  const where = engine.name === 'sqlite' ? '.*doorway\\.sqlite' : 'PostgreSQL [^;]+'
  const start = () => spawnDemo(database.env.DATA_DIR ?? '', database.env)

  it('loses nothing that was acknowledged, even when the process is killed', async () => {
    const first = await start()
    expect(first.line).toMatch(
      new RegExp(`^Doorway demo on http://127\\.0\\.0\\.1:\\d+/ \\(bots: demo; data: ${where}; admin token: from ADMIN_TOKEN\\)$`),
    )
    const v = visitor(first.base)
    await v.session(
      parseEntryLink('https://shop.example/?ref=giveaway--T-100&bs_ref=user:first%20name:Ann;variables:color:green'),
      'intent-r1',
    )
    const opened = await v.open()
    expect(opened.body.messages[0].text).toBe("You're in the giveaway with ticket T-100.")
    const stored = await v.updates([{ id: 'r-u1', type: 'field', key: 'shoe_size', value: '40' }])
    expect(stored.body.results[0].status).toBe('stored')
    // SIGKILL: no clean shutdown, no chance to flush anything that was not already durable.
    await kill(first.child)

    const second = await start()
    try {
      const again = visitor(second.base, 'demo', v.token)
      const history = await again.call('GET', '/messages?after=0')
      expect(history.body.messages.map((m: { text?: string }) => m.text)).toEqual(
        opened.body.messages.map((m: { text?: string }) => m.text),
      )
      // The conversation goes on where it stopped: the bot was waiting for an email.
      const answer = await again.say('ann@example.com')
      expect(answer.body.messages.at(-2).text).toBe("Thanks! We'll write to ann@example.com if you win.")
      const me = await again.me()
      expect(me.body).toMatchObject({
        user: { first_name: 'Ann', email: 'ann@example.com' },
        variables: { color: 'green', stage: 'entered' },
        fields: expect.arrayContaining([
          { id: '738', name: 'coupon', value: 'T-100' },
          { id: '514', name: 'shoe_size', value: '40' },
        ]),
      })
      // Retried after the restart, the update and the intent are still applied once.
      expect((await again.updates([{ id: 'r-u1', type: 'field', key: 'shoe_size', value: '41' }])).body.results[0].duplicate).toBe(true)
      expect((await again.session(parseEntryLink('https://shop.example/?ref=giveaway--T-100'), 'intent-r1')).body.replayed).toBe(true)
    } finally {
      await kill(second.child)
    }
  }, 60_000)
})
