import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseEntryLink } from '../../../widget/entry/index.ts'
import { ENGINES, type TestDatabase } from '../engines.ts'
import { kill, root, spawnDemo, visitor } from '../server-harness.ts'
import { SECRET, startReceiver, until } from './receiver.ts'

describe.each(ENGINES)('webhooks across a crash of `npm run demo`, on $name', (engine) => {
  let database: TestDatabase
  let botsDir: string
  beforeAll(async () => {
    database = await engine.create()
    botsDir = mkdtempSync(join(tmpdir(), 'doorway-bots-'))
  })
  afterAll(async () => {
    await database.dispose()
    rmSync(botsDir, { recursive: true, force: true })
  })

  it('sends after the restart what the killed process had not delivered yet, each once and in order', async () => {
    const receiver = await startReceiver([], 503)
    try {
      const raw = JSON.parse(readFileSync(join(root, 'demo', 'bots', 'demo.json'), 'utf8'))
      raw.webhook = { url: receiver.url, secret: 'env:DEMO_WEBHOOK_SECRET', events: ['link.applied', 'value.stored'] }
      writeFileSync(join(botsDir, 'demo.json'), JSON.stringify(raw))
      const env = { ...database.env, BOTS_DIR: botsDir, DEMO_WEBHOOK_SECRET: SECRET }
      const start = () => spawnDemo(database.env.DATA_DIR ?? '', env)

      const first = await start()
      await visitor(first.base).session(parseEntryLink('https://shop.example/?ref=giveaway--T-100&bs_ref=user:first%20name:Ann'))
      await until(() => receiver.received.length >= 1)
      // Long enough for the refused attempt to be recorded, shorter than the first retry (0.5 s at least).
      await new Promise((resolve) => setTimeout(resolve, 200))
      await kill(first.child)
      expect(receiver.accepted()).toEqual([])

      receiver.answerFrom(200)
      const second = await start()
      try {
        await until(() => receiver.accepted().length >= 3, 20_000)
        await new Promise((resolve) => setTimeout(resolve, 500))
        expect(receiver.accepted().map((r) => JSON.parse(r.body).type)).toEqual(['link.applied', 'value.stored', 'value.stored'])
        expect(new Set(receiver.accepted().map((r) => r.id)).size).toBe(3)
        expect(receiver.received.every((r) => r.verified)).toBe(true)
      } finally {
        await kill(second.child)
      }
    } finally {
      await receiver.close()
    }
  }, 60_000)
})
