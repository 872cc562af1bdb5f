import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readBot } from '../../../demo/bot/validate.ts'
import { root } from '../server-harness.ts'

const ENV = { GREETER_WEBHOOK_SECRET: 'w'.repeat(20), GREETER_API_KEY: 'k'.repeat(20) }
const greeter = () => JSON.parse(readFileSync(join(root, 'demo', 'example-bot', 'greeter.json'), 'utf8'))
const problemsOf = (raw: unknown, env: NodeJS.ProcessEnv = ENV) => readBot(raw, env).problems.map((p) => `${p.path}: ${p.problem}`)

describe('engine and api in a bot file', () => {
  it("reads the example's external bot, its key from the environment", () => {
    const { bot, problems } = readBot(greeter(), ENV)
    expect(problems).toEqual([])
    expect(bot).toMatchObject({ engine: 'external', apiKey: 'k'.repeat(20), defaultBlock: 'welcome', blocks: { welcome: [], sizes: [] } })
  })

  it('gives a bot of flows by default, with no bot API', () => {
    const raw = JSON.parse(readFileSync(join(root, 'demo', 'bots', 'demo.json'), 'utf8'))
    expect(readBot(raw, {}).bot).toMatchObject({ engine: 'flows', apiKey: null })
  })

  it('names what an external bot lacks or must not have', () => {
    const raw = greeter()
    delete raw.webhook
    delete raw.api
    raw.blocks.welcome = [{ type: 'text', text: 'Hi' }]
    expect(problemsOf(raw)).toEqual([
      'webhook: an external bot needs a webhook: it hears the visitor through it',
      'api: an external bot needs "api": { "key": "env:NAME" }: it answers through the bot API',
      'blocks.welcome: an external bot has no steps: its blocks only name where a link starts',
    ])
  })

  it('refuses a key written in the file, a key not in the environment, a short one, and an unknown engine', () => {
    const raw = greeter()
    raw.engine = 'llm'
    raw.api = { key: 'in-the-file-0123456789', extra: 1 }
    expect(problemsOf(raw)).toEqual(
      expect.arrayContaining([
        'engine: must be one of flows, external',
        'api.extra: unknown key; expected one of key',
        'api.key: must be env:NAME, the environment variable that holds the secret',
      ]),
    )
    expect(problemsOf(greeter(), { ...ENV, GREETER_API_KEY: '' })).toEqual(['api.key: the environment variable GREETER_API_KEY is not set'])
    expect(problemsOf(greeter(), { ...ENV, GREETER_API_KEY: 'short' })).toEqual(['api.key: GREETER_API_KEY holds fewer than 16 characters'])
  })

  it('still wants at least one step in a block of flows', () => {
    const raw = greeter()
    raw.engine = 'flows'
    expect(problemsOf(raw)).toContain('blocks.welcome: a block needs at least one step')
  })
})

describe('a bot API key shared', () => {
  it('refuses two bots with one key, and a key that is also a signing secret of the bot', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { loadBots } = await import('../../../demo/bot/load.ts')
    const dir = mkdtempSync(join(tmpdir(), 'doorway-keys-'))
    try {
      const first = greeter()
      const second = { ...greeter(), id: 'greeter2' }
      writeFileSync(join(dir, 'a.json'), JSON.stringify(first))
      writeFileSync(join(dir, 'b.json'), JSON.stringify(second))
      expect(() => loadBots(dir, ENV)).toThrow('b.json: api.key: bot "greeter" has the same API key: give each bot a key of its own')
      rmSync(join(dir, 'b.json'))
      expect(() => loadBots(dir, { ...ENV, GREETER_API_KEY: ENV.GREETER_WEBHOOK_SECRET })).toThrow(
        'a.json: api.key: the API key is also a signing secret of this bot: use another value',
      )
      expect([...loadBots(dir, ENV).keys()]).toEqual(['greeter'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
