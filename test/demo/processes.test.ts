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
})
