// demo/bot/apply-intent.ts on its own: what each piece of an intent becomes, on a real store.
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { applyIntent } from '../../../demo/bot/apply-intent.ts'
import { loadBots } from '../../../demo/bot/load.ts'
import { signLink } from '../../../demo/bot/signing.ts'
import type { BotDef, Target } from '../../../demo/bot/types.ts'
import { validateBot } from '../../../demo/bot/validate.ts'
import { writeValue } from '../../../demo/bot/write-value.ts'
import { scopedId } from '../../../demo/store/scoped-id.ts'
import type { Store } from '../../../demo/store/store.ts'
import { type EntryIntent, parseEntryLink } from '../../../widget/entry/index.ts'
import { ENGINES, type TestDatabase } from '../engines.ts'
import { root } from '../server-harness.ts'

const demo = loadBots(join(root, 'demo', 'bots')).get('demo') as BotDef
const SECRET = 'doorway-demo-signing-secret-not-for-production'
const intentOf = (query: string): EntryIntent => parseEntryLink(`https://shop.example/${query}`)
const signed = (query: string) => intentOf(new URL(signLink(`https://shop.example/${query}`, SECRET, 600)).search)
// A bot without a "json" variable, to keep a JSON payload in.
const plain = validateBot(
  { id: 'plain', name: 'Plain', defaultBlock: 'start', blocks: { start: [{ type: 'text', text: 'Hi' }] } },
  'plain.json',
)

describe.each(ENGINES.slice(0, 1))('applyIntent on $name', (engine) => {
  let db: TestDatabase
  let store: Store
  beforeEach(async () => {
    db = await engine.create()
    store = db.store
  })
  afterEach(() => db.dispose())

  const apply = async (intent: EntryIntent, token = 'visitor-token-aaaaaaaaaaaa', bot = demo) => {
    const contact = (await store.contactByToken(bot.id, token)) ?? (await store.createContact(bot.id, token))
    const outcome = await store.transaction((tx) => applyIntent(tx, bot, token, contact, intent))
    const row = await store.contact(outcome.contactId)
    return {
      outcome,
      row,
      lines: JSON.parse(row?.last_intent ?? 'null')?.lines as string[],
      opens: await store.linkOpens(outcome.contactId),
    }
  }

  it('applies a link with a payload: its results, its summary, its start and one counted open', async () => {
    const { outcome, row, lines, opens } = await apply(intentOf('?ref=giveaway--456'))
    expect(outcome.results).toEqual([
      { id: 'ref', status: 'stored' },
      { id: 'payload', status: 'stored' },
    ])
    expect(lines).toEqual(['Entry link: giveaway', 'Payload → coupon (738): 456'])
    expect(row?.pending_start).toBe('giveaway')
    expect(opens).toEqual([expect.objectContaining({ link: 'giveaway', known: true, fieldsSet: 1 })])
  })

  it('counts only the stored values of a link as the fields it set', async () => {
    const { outcome, opens } = await apply(intentOf('?ref=FLOW9--email--ann%40example.com--shoe_size--big--account_id--7'))
    expect(outcome.results.map((r) => [r.id, r.status])).toEqual([
      ['ref', 'stored'],
      ['user.email', 'stored'],
      ['fields.0.shoe_size', 'rejected'],
      ['fields.1.account_id', 'stored'],
    ])
    expect(opens[0]).toMatchObject({ link: 'FLOW9', fieldsSet: 2 })
  })

  it('starts an unknown link at the default block and counts it as unknown', async () => {
    const { outcome, row, opens } = await apply(intentOf('?ref=nosuch'))
    expect(outcome).toMatchObject({ link: null, start: 'welcome' })
    expect(row?.pending_start).toBe('welcome')
    expect(opens).toEqual([expect.objectContaining({ link: 'nosuch', known: false, fieldsSet: 0 })])
  })

  it('starts at a known block, refuses an unknown one, and keeps an earlier start when a later intent names none', async () => {
    const first = await apply(intentOf('?ref=giveaway--1'))
    expect(first.row?.pending_start).toBe('giveaway')
    const unknown = await apply(intentOf('?bs_ref=block:nowhere;variables:city:Lyon'))
    expect(unknown.outcome.results).toContainEqual(expect.objectContaining({ id: 'block', code: 'unknown_block' }))
    expect(unknown.outcome.start).toBeNull()
    expect(unknown.row?.pending_start).toBe('giveaway')
    expect(unknown.opens).toHaveLength(1)
    const known = await apply(intentOf('?bs_ref=block:catalog'))
    expect(known.outcome.results).toEqual([{ id: 'block', status: 'stored' }])
    expect(known.lines).toEqual(['Start block: catalog'])
    expect(known.row?.pending_start).toBe('catalog')
  })

  it('applies a link that names this bot in p like one that names none', async () => {
    const { outcome } = await apply(intentOf('?p=demo&ref=giveaway--7'))
    expect(outcome).toMatchObject({ link: 'giveaway', start: 'giveaway' })
    expect(outcome.results).toEqual([
      { id: 'ref', status: 'stored' },
      { id: 'payload', status: 'stored' },
    ])
  })

  it('applies nothing of a link for another bot, and says so in the summary', async () => {
    const { outcome, row, lines, opens } = await apply(intentOf('?p=otherbot&ref=giveaway--1'))
    expect(outcome).toEqual({
      contactId: row?.id,
      link: null,
      start: null,
      results: [expect.objectContaining({ id: 'bot', code: 'wrong_bot' })],
    })
    expect(lines).toEqual([expect.stringMatching(/^Not applied: bot: the link was made for bot "otherbot"/)])
    expect(row?.pending_start).toBeNull()
    expect(opens).toEqual([])
    expect(await store.values(row?.id as string)).toEqual({ attributes: {}, fields: {}, variables: {} })
  })

  it('keeps an external id and a JSON payload where the bot says, and refuses a JSON payload it has nowhere to keep', async () => {
    const external = await apply({ ...intentOf('?ref=tutorial'), externalId: 'ext-9' })
    expect(external.outcome.results).toContainEqual({ id: 'externalId', status: 'stored' })
    expect((await store.values(external.row?.id as string)).fields.user_external_identifier).toBe('ext-9')
    expect(external.opens[0]).toMatchObject({ fieldsSet: 1 })
    const json = await apply({ ...intentOf('?ref=tutorial'), json: { a: [1, 'x'] } }, 'visitor-token-bbbbbbbbbbbb')
    expect(json.outcome.results).toContainEqual({ id: 'json', status: 'stored' })
    expect((await store.values(json.row?.id as string)).variables.json).toBe('{"a":[1,"x"]}')
    const nowhere = await apply({ ...intentOf(''), json: { a: 1 } }, 'visitor-token-cccccccccccc', plain)
    expect(nowhere.outcome.results).toEqual([expect.objectContaining({ id: 'json', code: 'unknown_variable' })])
  })

  it("lists the widget's own rejections in the summary, an empty part as (empty)", async () => {
    const { lines } = await apply({ ...intentOf('?ref=tutorial'), rejected: [{ part: '', reason: 'nothing there', code: 'empty-value' }] })
    expect(lines).toContain('Rejected by the widget: (empty): nothing there')
  })

  it("makes a visitor's own contact the identity of their first signed link, keeping what they gave before", async () => {
    const token = 'visitor-token-dddddddddddd'
    const before = await apply(intentOf('?ref=FLOW9--email--ann%40example.com'), token)
    const after = await apply(signed('?ref=FLOW9--user_id--cust-1'), token)
    expect(after.outcome.contactId).toBe(before.outcome.contactId)
    expect(await store.userIdOf(before.outcome.contactId)).toBe('cust-1')
    expect((await store.values(before.outcome.contactId)).attributes).toEqual({ email: 'ann@example.com', user_id: 'cust-1' })
    // The same signed link again on the same browser stays on the same contact.
    expect((await apply(signed('?ref=FLOW9--user_id--cust-1'), token)).outcome.contactId).toBe(before.outcome.contactId)
  })

  it('answers an unsigned user_id once, under the name it was sent as, and writes the rest', async () => {
    const { outcome, row } = await apply({
      ...intentOf('?ref=tutorial'),
      user: { userId: 'cust-9', email: 'a@b.co' } as EntryIntent['user'],
    })
    expect(outcome.results).toEqual([
      expect.objectContaining({ id: 'user.user_id', status: 'rejected', code: 'unsigned_user_id' }),
      { id: 'ref', status: 'stored' },
      { id: 'user.email', status: 'stored' },
    ])
    expect((await store.values(row?.id as string)).attributes).toEqual({ email: 'a@b.co' })
  })

  it('refuses a badly typed attribute or variable and stores nothing of it', async () => {
    const token = 'visitor-token-eeeeeeeeeeee'
    const contact = await store.createContact(demo.id, token)
    const write = (target: Target, value: unknown) => store.transaction((tx) => writeValue(tx, demo, contact.id, target, value))
    expect(await write({ user: 'email' }, 'not an address')).toMatchObject({ ok: false, code: 'wrong_type' })
    expect(await write({ user: 'first_name' }, '   ')).toMatchObject({ ok: false, code: 'empty_value' })
    expect(await write({ variable: 'city' }, 'x'.repeat(1025))).toMatchObject({ ok: false, code: 'value_too_long' })
    expect(await write({ variable: 'city' }, 7)).toMatchObject({ ok: false, code: 'wrong_type' })
    expect(await store.values(contact.id)).toEqual({ attributes: {}, fields: {}, variables: {} })
    expect(await write({ variable: 'city' }, ' Lyon ')).toEqual({
      ok: true,
      label: 'city',
      value: 'Lyon',
      stored: { kind: 'variable', name: 'city', value: 'Lyon' },
    })
  })

  it('finds a client id stored before ids were scoped, but only in its own contact', async () => {
    const token = 'visitor-token-ffffffffffff'
    const mine = await store.createContact(demo.id, token)
    const other = await store.createContact(demo.id, 'visitor-token-gggggggggggg')
    await store.transaction((tx) => tx.saveUpdateResult(mine.id, 'legacy-1', { id: 'legacy-1', status: 'stored' }))
    expect(await store.updateResult(mine.id, scopedId(token, 'legacy-1'))).toEqual({ id: 'legacy-1', status: 'stored' })
    expect(await store.updateResult(other.id, scopedId('visitor-token-gggggggggggg', 'legacy-1'))).toBeUndefined()
    expect(await store.updateResult(mine.id, scopedId(token, 'legacy-2'))).toBeUndefined()
  })

  it('refuses a signed user_id that is no value, and stores none', async () => {
    const { outcome, row } = await apply(signed('?ref=FLOW9--user_id--%01x'))
    // The decoder refuses it before the backend's own check (kept as a second line of defence) sees it.
    expect(outcome.results).not.toContainEqual(expect.objectContaining({ id: 'user.user_id', status: 'stored' }))
    expect(await store.userIdOf(row?.id as string)).toBeNull()
  })
})
