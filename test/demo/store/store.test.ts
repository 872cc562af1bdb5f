import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadBots } from '../../../demo/bot/load.ts'
import type { BotDef } from '../../../demo/bot/types.ts'
import { linkResults } from '../../../demo/store/link-results.ts'
import { forPostgres, MIGRATIONS } from '../../../demo/store/migrations.ts'
import { PostgresStore } from '../../../demo/store/postgres.ts'
import { hashToken, scopedId } from '../../../demo/store/scoped-id.ts'
import { SqliteStore } from '../../../demo/store/sqlite.ts'
import type { Store } from '../../../demo/store/store.ts'
import { ENGINES, POSTGRES, TEST_DATABASE_URL, type TestDatabase, withSchema } from '../engines.ts'
import { root } from '../server-harness.ts'

// The store on its own, on each engine: sequence numbers, scoped ids, identities, transactions.
const TOKEN = 'a-visitor-token-22-chars'
const OTHER = 'another-visitor-token-22'

describe.each(ENGINES)('the store on $name', (engine) => {
  let database: TestDatabase
  let store: Store
  beforeEach(async () => {
    database = await engine.create()
    store = database.store
  })
  afterEach(() => database.dispose())

  const contact = (token: string) => store.transaction((tx) => tx.createContact('demo', token))

  it('names its engine', () => {
    expect(store.engine).toBe(engine.name)
  })

  it('finds a contact by its token per bot', async () => {
    const made = await contact(TOKEN)
    expect((await store.contactByToken('demo', TOKEN))?.id).toBe(made.id)
    expect(await store.contactByToken('other-bot', TOKEN)).toBeUndefined()
    expect(made).toMatchObject({ bot: 'demo', started: 0, last_seq: 0, pending_start: null, state: '{}' })
  })

  it('numbers messages 1, 2, 3 per contact and pages them', async () => {
    const a = (await contact(TOKEN)).id
    const b = (await contact(OTHER)).id
    const seqs = await store.transaction(async (tx) => {
      const list = []
      for (const text of ['one', 'two', 'three'])
        list.push((await tx.addMessage(a, 'bot', { kind: 'text', text }, [{ goto: 'x' }], null)).seq)
      return list
    })
    expect(seqs).toEqual([1, 2, 3])
    expect((await store.addMessage(b, 'visitor', { kind: 'text', text: 'hi' }, undefined, null)).seq).toBe(1)
    expect((await store.messagesAfter(a, 1, 1)).map((m) => m.text)).toEqual(['two'])
    expect((await store.contact(a))?.last_seq).toBe(3)
    expect(await store.messageActions(a, 2)).toEqual([{ goto: 'x' }])
    expect(await store.messageActions(b, 1)).toBeUndefined()
  })

  it('finds a saved result only under the id of the visitor that made it, and a legacy bare id within its contact', async () => {
    const a = (await contact(TOKEN)).id
    await store.saveUpdateResult(a, scopedId(TOKEN, 'u1'), { id: 'u1', status: 'stored' })
    expect(await store.updateResult(a, scopedId(TOKEN, 'u1'))).toEqual({ id: 'u1', status: 'stored' })
    expect(await store.updateResult(a, scopedId(OTHER, 'u2'))).toBeUndefined()
    await store.saveIntentResult('demo', 'legacy', a, { old: true })
    expect(await store.intentResult('demo', scopedId(TOKEN, 'legacy'), a)).toEqual({ contactId: a, result: { old: true } })
    expect(await store.intentResult('demo', scopedId(TOKEN, 'legacy'), 'c_someone_else')).toBeUndefined()
  })

  it('joins a token to the contact a signed user_id named, and to no other', async () => {
    const a = await contact(TOKEN)
    await store.transaction((tx) => tx.bindUserId('demo', 'cust-1', a.id))
    expect((await store.contactByUserId('demo', 'cust-1'))?.id).toBe(a.id)
    expect(await store.userIdOf(a.id)).toBe('cust-1')
    expect((await store.values(a.id)).attributes).toEqual({ user_id: 'cust-1' })
    await store.setAttribute((await contact(OTHER)).id, 'user_id', 'cust-2')
    expect(await store.contactByUserId('demo', 'cust-2')).toBeUndefined()
    await expect(store.transaction((tx) => tx.bindUserId('demo', 'cust-1', a.id))).rejects.toThrow()
  })

  it('applies a transaction whole or not at all', async () => {
    const a = (await contact(TOKEN)).id
    await expect(
      store.transaction(async (tx) => {
        await tx.setVariable(a, 'mood', 'happy')
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect((await store.values(a)).variables).toEqual({})
    await store.transaction((tx) => tx.setVariable(a, 'mood', 'happy'))
    expect((await store.values(a)).variables).toEqual({ mood: 'happy' })
  })

  it.each([
    ['serialisable against all others', undefined],
    ['queued on their visitor', { serialiseOn: `visitor:demo:${hashToken(TOKEN)}` }],
  ])('runs transactions that race for the same client id one after another, %s, so the write is applied once', async (_how, options) => {
    const a = (await contact(TOKEN)).id
    const scoped = scopedId(TOKEN, 'same')
    const attempt = () =>
      store.transaction(async (tx) => {
        if (await tx.updateResult(a, scoped)) return 'duplicate'
        await tx.addMessage(a, 'visitor', { kind: 'text', text: 'once' }, undefined, scoped)
        await tx.saveUpdateResult(a, scoped, { id: 'same', status: 'stored' })
        return 'applied'
      }, options)
    const outcomes = await Promise.all(Array.from({ length: 8 }, attempt))
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1)
    expect(await store.messagesOfRequest(a, scoped)).toHaveLength(1)
  })

  it('keeps every transaction of a concurrent burst but the one that throws', async () => {
    const a = (await contact(TOKEN)).id
    const outcomes = await Promise.allSettled(
      ['one', 'two', 'bad', 'three'].map((name) =>
        store.transaction(async (tx) => {
          await tx.setVariable(a, name, 'set')
          if (name === 'bad') throw new Error('refused')
          return name
        }),
      ),
    )
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled'])
    expect((await store.values(a)).variables).toEqual({ one: 'set', three: 'set', two: 'set' })
  })

  it('keeps what a transaction has not committed from the queries outside it', async () => {
    const a = (await contact(TOKEN)).id
    let release = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const writing = store.transaction(async (tx) => {
      await tx.setVariable(a, 'mood', 'pending')
      await held
      throw new Error('rolled back')
    })
    const read = store.values(a)
    release()
    await expect(writing).rejects.toThrow('rolled back')
    expect((await read).variables).toEqual({})
  })

  it('counts link opens per link, and contacts that got fields from them', async () => {
    const a = (await contact(TOKEN)).id
    const b = (await contact(OTHER)).id
    await store.recordLinkOpen('demo', 'spring', true, a, 2)
    await store.recordLinkOpen('demo', 'spring', true, a, 1)
    await store.recordLinkOpen('demo', 'spring', true, b, 0)
    await store.recordLinkOpen('demo', 'typo', false, b, 0)
    expect(await store.linkStats('demo')).toEqual({
      links: [
        { link: 'spring', known: true, opens: 3, contactsWithFields: 1 },
        { link: 'typo', known: false, opens: 1, contactsWithFields: 0 },
      ],
      unknownLinksLeftOut: 0,
    })
    // Made-up links are capped, those opened most kept; every known one is listed.
    await store.recordLinkOpen('demo', 'typo2', false, a, 0)
    await store.recordLinkOpen('demo', 'typo2', false, b, 0)
    await store.recordLinkOpen('demo', 'typo3', false, b, 0)
    const capped = await store.linkStats('demo', 1)
    expect(capped.links.map((l) => l.link)).toEqual(['spring', 'typo2'])
    expect(capped.unknownLinksLeftOut).toBe(2)
    expect((await store.linkOpens(b)).map((o) => o.link)).toEqual(['spring', 'typo', 'typo2', 'typo3'])
  })

  it('keeps in the results the unknown links with conversions first, then those opened most', async () => {
    const bot = loadBots(join(root, 'demo', 'bots')).get('demo') as BotDef
    const buyer = (await contact(TOKEN)).id
    const browser = (await contact(OTHER)).id
    // One open and a conversion, against three links opened twice each.
    await store.recordLinkOpen('demo', 'partner-7', false, buyer, 0)
    await store.recordGoal('demo', buyer, 'giveaway_done')
    for (const junk of ['junk-a', 'junk-b', 'junk-c'])
      for (let i = 0; i < 2; i++) await store.recordLinkOpen('demo', junk, false, browser, 0)
    const day = new Date().toISOString().slice(0, 10)
    const { links, unknownLinksLeftOut } = await linkResults(store, bot, { from: day, to: day }, null, 2)
    expect(links.filter((l) => !l.known).map((l) => l.link)).toEqual(['junk-a', 'partner-7'])
    expect(links.find((l) => l.link === 'partner-7')?.totals).toMatchObject({ opens: 1, conversionsFirstLink: 1, conversionsLastLink: 1 })
    expect(unknownLinksLeftOut).toBe(2)
  })
})

describe('SQLite migrations', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'doorway-store-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('migrates a new file to the latest version, keeps only token hashes, and keeps the data when opened again', async () => {
    const file = join(dir, 'doorway.sqlite')
    let store = new SqliteStore(file)
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
    const made = await store.transaction((tx) => tx.createContact('demo', TOKEN))
    expect(store.db.prepare('SELECT token_hash FROM visitors').pluck().all()).toEqual([hashToken(TOKEN)])
    await store.close()
    store = new SqliteStore(file)
    expect((await store.contactByToken('demo', TOKEN))?.id).toBe(made.id)
    await store.close()
  })

  it('counts the links over 64 characters that visitors sent before version 6 as (unreadable)', async () => {
    const file = join(dir, 'doorway.sqlite')
    const db = new Database(file)
    for (const migration of MIGRATIONS.slice(0, 5)) db.exec(migration)
    db.pragma('user_version = 5')
    const long = 'x'.repeat(8192)
    const at = '2026-11-30T10:00:00.000Z'
    db.prepare("INSERT INTO contacts (id, bot, created_at, pending_link) VALUES ('c1', 'demo', ?, ?)").run(at, long)
    const open = db.prepare('INSERT INTO link_opens (bot, link, known, contact_id, fields_set, at) VALUES (?, ?, ?, ?, 0, ?)')
    open.run('demo', long, 0, 'c1', at)
    open.run('demo', 'typo', 0, 'c1', at)
    open.run('demo', 'giveaway', 1, 'c1', at)
    db.prepare("INSERT INTO conversation_starts (bot, link, contact_id, at) VALUES ('demo', ?, 'c1', ?)").run(long, at)
    db.prepare(
      "INSERT INTO goals_reached (bot, contact_id, goal, first_link, last_link, at) VALUES ('demo', 'c1', 'g', ?, 'giveaway', ?)",
    ).run(long, at)
    db.close()
    const store = new SqliteStore(file)
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
    expect(store.db.prepare('SELECT link FROM link_opens ORDER BY id').pluck().all()).toEqual(['(unreadable)', 'typo', 'giveaway'])
    expect(store.db.prepare('SELECT link FROM conversation_starts').pluck().all()).toEqual(['(unreadable)'])
    expect(store.db.prepare("SELECT first_link || ' ' || last_link FROM goals_reached").pluck().all()).toEqual(['(unreadable) giveaway'])
    expect(store.db.prepare('SELECT pending_link FROM contacts').pluck().all()).toEqual(['(unreadable)'])
    await store.close()
  })

  it('refuses a file from a newer server instead of writing into it', () => {
    const file = join(dir, 'doorway.sqlite')
    const db = new Database(file)
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`)
    db.close()
    expect(() => new SqliteStore(file)).toThrow(/newer than this server's/)
  })
})

describe.skipIf(!POSTGRES)('PostgreSQL migrations', () => {
  const url = TEST_DATABASE_URL as string
  let admin: pg.Client
  let schema: string
  beforeEach(async () => {
    schema = `test_migrate_${Date.now().toString(36)}`
    admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`CREATE SCHEMA ${schema}`)
  })
  afterEach(async () => {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`)
    await admin.end()
  })

  it('migrates once when several processes start together, and records the version', async () => {
    const stores = await Promise.all([1, 2, 3].map(() => PostgresStore.open(withSchema(url, schema), { max: 2 })))
    const { rows } = await admin.query(`SELECT version FROM ${schema}.schema_version`)
    expect(rows).toEqual([{ version: MIGRATIONS.length }])
    await Promise.all(stores.map((store) => store.close()))
  })

  it('refuses a database from a newer server', async () => {
    await (await PostgresStore.open(withSchema(url, schema))).close()
    await admin.query(`UPDATE ${schema}.schema_version SET version = ${MIGRATIONS.length + 1}`)
    await expect(PostgresStore.open(withSchema(url, schema))).rejects.toThrow(/newer than this server's/)
  })
})

describe('the migrations as PostgreSQL writes them', () => {
  it('differ from SQLite only in the auto-numbered key', () => {
    expect(forPostgres(MIGRATIONS[0])).toContain('id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY')
    expect(MIGRATIONS.map(forPostgres).join('\n')).not.toMatch(/AUTOINCREMENT|PRAGMA/)
  })
})
