import { afterAll, describe, expect, it } from 'vitest'
import { parseEntryLink } from '../../../widget/entry/index.ts'
import { ENGINES } from '../engines.ts'
import { startServer, visitor } from '../server-harness.ts'
import { botWithWebhook, startReceiver, until } from './receiver.ts'

describe.each(ENGINES)('the events of a conversation, on $name', (engine) => {
  const closers: (() => Promise<unknown>)[] = []
  afterAll(async () => {
    for (const close of closers.reverse()) await close()
  })

  it('sends chat.opened, message.received and the values a flow stores, in the order they happened, and only those asked for', async () => {
    const receiver = await startReceiver()
    closers.push(() => receiver.close())
    const server = await startServer({
      engine,
      bots: botWithWebhook(receiver.url, ['chat.opened', 'message.received', 'value.stored']),
      webhookSettings: { pollMs: 20 },
    })
    closers.push(async () => {
      await server.server.context.webhookSender?.stop()
      await server.close()
    })
    const v = visitor(server.base)
    await v.session(parseEntryLink('https://shop.example/?ref=giveaway--T-100'))
    await v.open()
    const answer = await v.say('ann@example.com')
    await v.updates([{ id: 'u1', type: 'variable', key: 'color', value: 'blue' }])
    const expected = (await server.store.deliveries('demo', null)).length
    await until(() => receiver.accepted().length === expected)
    const bodies = receiver.accepted().map((r) => JSON.parse(r.body))
    // No link.applied: the webhook did not ask for it.
    expect(bodies.map((b) => `${b.type} ${b.data.source ?? ''}`.trim())).toEqual([
      'value.stored link',
      'chat.opened',
      'message.received',
      'value.stored flow',
      'value.stored flow',
      'value.stored update',
    ])
    expect(bodies[1].data).toEqual({ start: 'giveaway' })
    expect(bodies[2].data.message).toEqual(answer.body.messages[0])
    expect(bodies[2].data.message).toMatchObject({ from: 'visitor', kind: 'text', text: 'ann@example.com' })
    expect(bodies[3].data).toEqual({ source: 'flow', kind: 'user', name: 'email', value: 'ann@example.com' })
    expect(bodies[5].data).toEqual({ source: 'update', kind: 'variable', name: 'color', value: 'blue' })
    expect(receiver.received.every((r) => r.verified)).toBe(true)
  })

  it('queues goal.reached once per contact and goal, with the first and the last link', async () => {
    const server = await startServer({
      engine,
      bots: botWithWebhook('http://127.0.0.1:9/none', ['goal.reached']),
      webhookSettings: { pollMs: 60_000 },
    })
    closers.push(async () => {
      await server.server.context.webhookSender?.stop()
      await server.close()
    })
    const v = visitor(server.base)
    await v.session(parseEntryLink('https://shop.example/?ref=tutorial'))
    await v.session(parseEntryLink('https://shop.example/?ref=giveaway--T-100'))
    await v.open()
    await v.say('ann@example.com')
    // The link once more, the email known by now: the flow reaches giveaway_done again, and queues nothing.
    await v.session(parseEntryLink('https://shop.example/?ref=giveaway--T-100'))
    await v.open()
    const deliveries = await server.store.deliveries('demo', null)
    expect(deliveries.map((d) => d.type)).toEqual(['goal.reached'])
    const body = JSON.parse(deliveries[0].body)
    expect(body.data).toEqual({ goal: 'giveaway_done', firstLink: 'tutorial', lastLink: 'giveaway' })
    expect(body.contactId).toBe((await v.me()).body.contactId)
  })
})
