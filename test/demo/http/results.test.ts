import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseEntryLink } from '../../../widget/entry/index.ts'
import { ENGINES } from '../engines.ts'
import { ADMIN, admin, startServer, visitor } from '../server-harness.ts'

// The results endpoint against the real server (docs/results.md): what visitors did through
// links, read back per link and day, as JSON and as CSV, and every bad query refused by name.
const intentOf = (query: string) => parseEntryLink(`https://shop.example/${query}`)
const today = () => new Date().toISOString().slice(0, 10)

describe.each(ENGINES)('results on $name', (engine) => {
  let server: Awaited<ReturnType<typeof startServer>>
  beforeAll(async () => {
    server = await startServer({ engine })
  })
  afterAll(() => server.close())

  const results = async (query: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.base}/v1/admin/bots/demo/results${query}`, {
      headers: { Authorization: `Bearer ${ADMIN}`, ...headers },
    })
    const text = await response.text()
    const json = response.headers.get('content-type')?.includes('json')
    return { status: response.status, headers: response.headers, text, body: json ? JSON.parse(text) : null }
  }
  const day = `?from=${today()}&to=${today()}`
  const totalsOf = async (link: string) => (await results(day)).body.links.find((l: { link: string }) => l.link === link).totals

  it('counts opens, fields set, conversations started and a goal reached, to the first link and the last', async () => {
    const before = { giveaway: await totalsOf('giveaway'), tutorial: await totalsOf('tutorial'), order: await totalsOf('order') }
    const ann = visitor(server.base)
    // Three links, on one browser: giveaway first (sets the coupon), then order, then tutorial.
    expect((await ann.session(intentOf('?ref=giveaway--T-1'))).status).toBe(200)
    await ann.session(intentOf('?ref=order'))
    await ann.session(intentOf('?ref=tutorial'))
    await ann.open()
    // The giveaway's flow asks for an email, then reaches its goal block, giveaway_done.
    await ann.session(intentOf('?ref=giveaway--T-1'))
    await ann.open()
    const answered = await ann.say('ann@example.com')
    expect(answered.body.messages.map((m: { text?: string }) => m.text)).toContain("Thanks! We'll write to ann@example.com if you win.")
    const contactId = (await ann.me()).body.contactId
    const contact = await admin(server.base, `/contacts/${contactId}`)
    expect(contact.body.goalsReached).toEqual([
      { goal: 'giveaway_done', firstLink: 'giveaway', lastLink: 'giveaway', at: expect.any(String) },
    ])
    // Reaching it again (the link once more; the email known, the flow runs on to the goal) counts nothing more.
    await ann.session(intentOf('?ref=giveaway--T-1'))
    const again = await ann.open()
    expect(again.body.messages.map((m: { text?: string }) => m.text)).toContain("Thanks! We'll write to ann@example.com if you win.")
    expect((await admin(server.base, `/contacts/${contactId}`)).body.goalsReached).toHaveLength(1)
    const now = { giveaway: await totalsOf('giveaway'), tutorial: await totalsOf('tutorial'), order: await totalsOf('order') }
    const delta = (link: 'giveaway' | 'tutorial' | 'order') =>
      Object.fromEntries(Object.entries(now[link]).map(([k, v]) => [k, (v as number) - before[link][k]]))
    expect(delta('giveaway')).toEqual({
      opens: 3,
      visitorsWithFields: 1,
      conversationsStarted: 2,
      conversionsFirstLink: 1,
      conversionsLastLink: 1,
    })
    expect(delta('tutorial')).toEqual({
      opens: 1,
      visitorsWithFields: 0,
      conversationsStarted: 1,
      conversionsFirstLink: 0,
      conversionsLastLink: 0,
    })
    expect(delta('order')).toEqual({
      opens: 1,
      visitorsWithFields: 0,
      conversationsStarted: 0,
      conversionsFirstLink: 0,
      conversionsLastLink: 0,
    })
  })

  it('attributes the goal to the first link and to another last link', async () => {
    const before = { first: await totalsOf('FLOW9'), last: await totalsOf('tutorial') }
    const bob = visitor(server.base)
    await bob.session(intentOf('?ref=FLOW9'))
    await bob.session(intentOf('?ref=tutorial'))
    await bob.open()
    // From the tutorial's menu: Browse shoes, then Find my size, 42: size_ok is a goal.
    const menu = (await bob.call('GET', '/messages')).body.messages.at(-1)
    const catalog = await bob.choose(menu.seq, 0)
    const card = catalog.body.messages.find((m: { kind: string }) => m.kind === 'card')
    await bob.choose(card.seq, 0)
    await bob.say('42')
    const now = { first: await totalsOf('FLOW9'), last: await totalsOf('tutorial') }
    expect(now.first.conversionsFirstLink - before.first.conversionsFirstLink).toBe(1)
    expect(now.first.conversionsLastLink - before.first.conversionsLastLink).toBe(0)
    expect(now.last.conversionsFirstLink - before.last.conversionsFirstLink).toBe(0)
    expect(now.last.conversionsLastLink - before.last.conversionsLastLink).toBe(1)
    const byGoal = (await results(`${day}&goal=giveaway_done`)).body.links.find((l: { link: string }) => l.link === 'FLOW9')
    expect(byGoal.totals.conversionsFirstLink).toBe(before.first.conversionsFirstLink)
  })

  it('answers every day of the range, zeros included, in UTC', async () => {
    const { status, body } = await results('?from=2026-02-27&to=2026-03-02')
    expect(status).toBe(200)
    expect(body).toMatchObject({
      bot: 'demo',
      timezone: 'UTC',
      from: '2026-02-27',
      to: '2026-03-02',
      goals: ['giveaway_done', 'size_ok'],
      unknownLinksLeftOut: 0,
    })
    expect(body.links[0].days.map((d: { day: string }) => d.day)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02'])
    expect(body.links[0].days[0]).toEqual({
      day: '2026-02-27',
      opens: 0,
      visitorsWithFields: 0,
      conversationsStarted: 0,
      conversionsFirstLink: 0,
      conversionsLastLink: 0,
    })
    const byDefault = await results('')
    expect(byDefault.body.to).toBe(today())
    expect(byDefault.body.links[0].days).toHaveLength(30)
    expect((await results('?from=2025-12-01&to=2026-12-01')).status).toBe(200)
  })

  it.each([
    ['?from=2026-12-1', 'invalid_date', /^from must be a date as YYYY-MM-DD/],
    ['?to=2026-02-30', 'invalid_date', /^to must be a date as YYYY-MM-DD/],
    ['?from=yesterday', 'invalid_date', /^from must be/],
    ['?to=', 'invalid_parameter', /^to is empty/],
    ['?from=2026-12-01&from=2026-12-02', 'invalid_parameter', /^from is given 2 times/],
    ['?from=2026-12-02&to=2026-12-01', 'invalid_range', /^from \(2026-12-02\) is after to \(2026-12-01\)/],
    ['?from=2025-11-30&to=2026-12-01', 'range_too_long', /spans 367 days; ask for 366 at most/],
    ['?from=2000-01-01&to=9998-12-31', 'range_too_long', /ask for 366 at most/],
    ['?goal=welcome', 'unknown_goal', /goal "welcome" is not a goal of bot "demo"; its goals are giveaway_done, size_ok/],
    ['?format=xlsx', 'invalid_format', /^format must be one of json, csv/],
    ['?to=0000-01-05', 'invalid_date', /^to must be a day from 2000-01-01 to 9998-12-31; got 0000-01-05/],
    ['?from=9999-12-01&to=9999-12-31', 'invalid_date', /^to must be a day from 2000-01-01 to 9998-12-31; got 9999-12-31/],
    ['?from=1999-12-31&to=2000-01-02', 'invalid_date', /^from must be a day from 2000-01-01/],
  ])('refuses %s with a 400 naming the parameter', async (query, code, message) => {
    const { status, body } = await results(query)
    expect(status).toBe(400)
    expect(body.error.code).toBe(code)
    expect(body.error.message).toMatch(message)
  })

  it("lists the bots with their links and goals for the results page in the link builder's answer, behind the token", async () => {
    const response = await fetch(`${server.base}/v1/admin/bots`, { headers: { Authorization: `Bearer ${ADMIN}` } })
    const [demo] = (await response.json()).bots
    expect(demo).toMatchObject({ id: 'demo', name: 'Doorway Shoes', goals: ['giveaway_done', 'size_ok'] })
    expect(demo.links.map((link: { name: string }) => link.name)).toEqual(['giveaway', 'FLOW9', 'tutorial', 'order'])
    expect((await fetch(`${server.base}/v1/admin/bots`)).status).toBe(401)
    // The page's own listing is gone: one answer lists the bots for both pages.
    expect((await fetch(`${server.base}/v1/admin/results`, { headers: { Authorization: `Bearer ${ADMIN}` } })).status).toBe(404)
  })

  it('refuses without the admin token', async () => {
    const response = await fetch(`${server.base}/v1/admin/bots/demo/results?format=csv`)
    expect(response.status).toBe(401)
    expect((await fetch(`${server.base}/v1/admin/bots/demo/results`, { headers: { Authorization: 'Bearer nope' } })).status).toBe(401)
  })

  it('answers CSV for format=csv and for Accept: text/csv, as an attachment with a header row', async () => {
    const range = '?from=2026-01-01&to=2026-01-02'
    const byParam = await results(`${range}&format=csv`)
    const byAccept = await results(range, { Accept: 'text/csv' })
    for (const csv of [byParam, byAccept]) {
      expect(csv.status).toBe(200)
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/)
      expect(csv.headers.get('content-disposition')).toBe('attachment; filename="demo-results-2026-01-01-to-2026-01-02.csv"')
      expect(csv.headers.get('doorway-unknown-links-left-out')).toBe('0')
    }
    expect(byParam.text).toBe(byAccept.text)
    const lines = byParam.text.split('\r\n')
    expect(lines[0]).toBe('link,known,day,opens,visitors_with_fields,conversations_started,conversions_first_link,conversions_last_link')
    expect(lines[1]).toBe('giveaway,yes,2026-01-01,0,0,0,0,0')
    expect(lines.at(-1)).toBe('')
    // JSON wins when asked for by name.
    expect((await results(`${range}&format=json`, { Accept: 'text/csv' })).body.links).toBeDefined()
  })

  it("counts a ref that does not read as a link name as (unreadable), so no visitor writes a results row's name", async () => {
    const before = (await results(day)).body.links.find((l: { link: string }) => l.link === '(unreadable)')?.totals.opens ?? 0
    for (const ref of ['=HYPERLINK("http://evil.example","x"),+1', 'x'.repeat(8192), ' =1+1', 'tab\there', 'sixty-five'.repeat(7)]) {
      const session = await visitor(server.base).session({ ...intentOf('?ref=placeholder'), ref })
      expect(session.body.results).toContainEqual(expect.objectContaining({ id: 'ref', code: 'unknown_link' }))
    }
    const json = await results(day)
    const names = json.body.links.map((l: { link: string }) => l.link)
    expect(names.some((name: string) => name.length > 64 || name.includes('HYPERLINK'))).toBe(false)
    const unreadable = json.body.links.find((l: { link: string }) => l.link === '(unreadable)')
    expect(unreadable).toMatchObject({ known: false, totals: { opens: before + 5 } })
    // A name that reads as one is kept, and the CSV still shows a leading - as text.
    await visitor(server.base).session({ ...intentOf('?ref=placeholder'), ref: '-2-3' })
    await visitor(server.base).session({ ...intentOf('?ref=placeholder'), ref: 'fb:ad.42~b' })
    await visitor(server.base).session({ ...intentOf('?ref=placeholder'), ref: 'cafe\u0301-नमस्ते' })
    expect((await results(day)).body.links.map((l: { link: string }) => l.link)).toContain('cafe\u0301-नमस्ते')
    const csv = (await results(`${day}&format=csv`)).text.split('\r\n')
    expect(csv).toContain(`'-2-3,no,${today()},1,0,0,0,0`)
    expect(csv.some((line) => line.startsWith(`fb:ad.42~b,no,${today()},1,`))).toBe(true)
  })

  it.each([
    ['text/csv', 'csv'],
    ['text/csv, */*', 'csv'],
    ['application/json, text/csv', 'json'],
    ['text/csv;q=0, application/json', 'json'],
    ['application/json, text/csv;q=0.1', 'json'],
    ['application/json;q=0.5, text/csv', 'csv'],
    ['TEXT/CSV; charset=utf-8', 'csv'],
    ['*/*', 'json'],
    ['text/html,application/xhtml+xml,*/*;q=0.8', 'json'],
    ['*/*, application/json;q=0', 'csv'],
    ['text/*', 'csv'],
    ['text/*, application/*', 'json'],
    ['text/*;q=0.9, application/json;q=0.5', 'csv'],
    ['text/csv;q=abc', 'json'],
    [';;,, ;q=1', 'json'],
  ])('answers Accept: %s with %s', async (accept, format) => {
    const answer = await results('?from=2026-01-01&to=2026-01-01', { Accept: accept })
    expect(answer.headers.get('content-type')).toMatch(format === 'csv' ? /^text\/csv/ : /^application\/json/)
  })
})
