import { describe, expect, it } from 'vitest'
import { readBot } from '../../../demo/bot/validate.ts'

const bot = (webhook: unknown) => ({
  id: 'x',
  name: 'X',
  defaultBlock: 'start',
  blocks: { start: [{ type: 'text', text: 'Hi' }] },
  webhook,
})
const env = { HOOK_SECRET: 'a-secret-of-enough-length', SHORT: 'short' }

describe("a bot file's webhook", () => {
  it('reads the URL, the secret from the environment and the events', () => {
    const read = readBot(bot({ url: 'https://bot.example/hook', secret: 'env:HOOK_SECRET', events: ['link.applied', 'value.stored'] }), env)
    expect(read.problems).toEqual([])
    expect(read.bot?.webhook).toEqual({
      url: 'https://bot.example/hook',
      secret: env.HOOK_SECRET,
      events: ['link.applied', 'value.stored'],
    })
    expect(readBot(bot(undefined), env).bot?.webhook).toBeNull()
  })

  it('reports every problem at once', () => {
    const read = readBot(
      bot({
        url: 'ftp://bot.example/hook',
        secret: 'written-in-the-file-123',
        events: ['link.applied', 'lead.won', 'link.applied'],
        extra: 1,
      }),
      env,
    )
    expect(read.bot).toBeNull()
    expect(read.problems).toEqual([
      { path: 'webhook.extra', problem: 'unknown key; expected one of url, secret, events' },
      { path: 'webhook.url', problem: '"ftp://bot.example/hook" must be an http:// or https:// URL' },
      { path: 'webhook.secret', problem: 'must be env:NAME, the environment variable that holds the secret' },
      { path: 'webhook.events[1]', problem: 'must be one of link.applied, value.stored, chat.opened, message.received, goal.reached' },
      { path: 'webhook.events', problem: 'names an event twice' },
    ])
  })

  it('refuses a secret the environment does not hold or that is too short, an empty event list and a bad shape', () => {
    const problems = (webhook: unknown) => readBot(bot(webhook), env).problems
    expect(problems({ url: 'http://127.0.0.1:9/h', secret: 'env:NOT_SET', events: ['chat.opened'] })).toEqual([
      { path: 'webhook.secret', problem: 'the environment variable NOT_SET is not set' },
    ])
    expect(problems({ url: 'http://127.0.0.1:9/h', secret: 'env:SHORT', events: [] })).toEqual([
      { path: 'webhook.secret', problem: 'SHORT holds fewer than 16 characters' },
      { path: 'webhook.events', problem: 'name at least one event' },
    ])
    expect(problems({ url: 'not a url', secret: 'env:HOOK_SECRET', events: 'chat.opened' })).toEqual([
      { path: 'webhook.url', problem: '"not a url" must be an http:// or https:// URL' },
      { path: 'webhook.events', problem: 'must be an array' },
    ])
    expect(problems('https://bot.example/hook')).toEqual([{ path: 'webhook', problem: 'must be an object' }])
  })
})
