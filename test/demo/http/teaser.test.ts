import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadBots } from '../../../demo/bot/load.ts'
import { parseEntryLink } from '../../../widget/entry/index.ts'
import { ENGINES } from '../engines.ts'
import { root, startServer, visitor } from '../server-harness.ts'

// The greeting beside the launcher: the bot's in GET /v1/bots/{bot}, a link's in the session's answer.
const TUTORIAL = 'New here? I can show you around in a minute.'

describe.each(ENGINES)('teasers on $name', (engine) => {
  let server: Awaited<ReturnType<typeof startServer>>
  beforeAll(async () => {
    const bots = loadBots(join(root, 'demo', 'bots'))
    const demo = bots.get('demo')
    if (demo) demo.teaser = 'Looking for shoes? Ask me.'
    server = await startServer({ engine, bots })
  })
  afterAll(() => server.close())

  const intentOf = (query: string) => parseEntryLink(`https://shop.example/${query}`)

  it("tells the bot's teaser with its public facts", async () => {
    const info = await (await fetch(`${server.base}/v1/bots/demo`)).json()
    expect(info.teaser).toBe('Looking for shoes? Ask me.')
  })

  it("answers a link's session with the link's teaser, and again on later page views until the chat opens", async () => {
    const v = visitor(server.base)
    const first = await v.session(intentOf('?ref=tutorial'), 'visit-1')
    expect(first.body).toMatchObject({ link: 'tutorial', start: 'tutorial', teaser: TUTORIAL })
    // The same link visit sent again, and a plain start on the next page view.
    expect((await v.session(intentOf('?ref=tutorial'), 'visit-1')).body).toMatchObject({ replayed: true, teaser: TUTORIAL })
    expect((await v.session()).body).toMatchObject({ link: null, teaser: TUTORIAL })
    expect((await v.open()).body.messages.length).toBeGreaterThan(0)
    // Opened, the link's start has run: the bot's own teaser is for the launcher again.
    expect('teaser' in (await v.session()).body).toBe(false)
  })

  it('answers without a teaser a link that has none, a plain start, and a link the bot does not know', async () => {
    expect('teaser' in (await visitor(server.base).session(intentOf('?ref=giveaway--9'))).body).toBe(false)
    expect('teaser' in (await visitor(server.base).session()).body).toBe(false)
    const unknown = await visitor(server.base).session(intentOf('?ref=nosuchlink'))
    expect([unknown.status, 'teaser' in unknown.body]).toEqual([200, false])
  })
})
