import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import type { ChatMessage } from '../../widget/transport/protocol.ts'
import { MIGRATIONS } from './migrations.ts'
import { bareId, hashToken } from './scoped-id.ts'

export interface ContactRow {
  id: string
  bot: string
  created_at: string
  state: string
  pending_start: string | null
  started: number
  last_seq: number
  last_intent: string | null
}

const now = () => new Date().toISOString()

/** SQLite storage of the reference backend: WAL mode, every write acknowledged only once durable. */
export class Store {
  readonly db: Database.Database

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
    this.db = new Database(file)
    this.db.pragma('journal_mode = WAL')
    // FULL: a transaction is on disk before the answer that acknowledges it is sent.
    this.db.pragma('synchronous = FULL')
    this.db.pragma('foreign_keys = ON')
    this.db.pragma('busy_timeout = 5000')
    this.migrate()
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number
    if (version > MIGRATIONS.length) {
      throw new Error(`the database is schema version ${version}, newer than this server's ${MIGRATIONS.length}`)
    }
    for (let v = version; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v])
        this.db.pragma(`user_version = ${v + 1}`)
      })()
    }
  }

  close(): void {
    this.db.close()
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate()
  }

  contactByToken(bot: string, token: string): ContactRow | undefined {
    return this.db
      .prepare('SELECT c.* FROM visitors v JOIN contacts c ON c.id = v.contact_id WHERE v.bot = ? AND v.token_hash = ?')
      .get(bot, hashToken(token)) as ContactRow | undefined
  }

  contact(id: string): ContactRow | undefined {
    return this.db.prepare('SELECT * FROM contacts WHERE id = ?').get(id) as ContactRow | undefined
  }

  createContact(bot: string, token: string): ContactRow {
    const id = `c_${randomBytes(12).toString('base64url')}`
    this.db.prepare('INSERT INTO contacts (id, bot, created_at) VALUES (?, ?, ?)').run(id, bot, now())
    this.bindToken(bot, token, id)
    return this.contact(id) as ContactRow
  }

  /** Points a visitor token at a contact (a new visitor, or a signed link's user_id). */
  bindToken(bot: string, token: string, contactId: string): void {
    this.db
      .prepare(
        'INSERT INTO visitors (token_hash, bot, contact_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (bot, token_hash) DO UPDATE SET contact_id = excluded.contact_id',
      )
      .run(hashToken(token), bot, contactId, now())
  }

  /** The contact a signed link made the identity `userId`; an attribute alone never is one. */
  contactByUserId(bot: string, userId: string): ContactRow | undefined {
    return this.db
      .prepare('SELECT c.* FROM identities i JOIN contacts c ON c.id = i.contact_id WHERE i.bot = ? AND i.user_id = ?')
      .get(bot, userId) as ContactRow | undefined
  }

  /** The signed user_id of a contact, or null when no signed link has named it. */
  userIdOf(contactId: string): string | null {
    const row = this.db.prepare('SELECT user_id FROM identities WHERE contact_id = ?').get(contactId) as { user_id: string } | undefined
    return row?.user_id ?? null
  }

  /** Records that a signed link named this contact `userId`, and keeps it as its user_id attribute. */
  bindUserId(bot: string, userId: string, contactId: string): void {
    this.db.prepare('INSERT INTO identities (bot, user_id, contact_id, created_at) VALUES (?, ?, ?, ?)').run(bot, userId, contactId, now())
    this.setAttribute(contactId, 'user_id', userId)
  }

  setAttribute(contactId: string, name: string, value: string): void {
    this.upsert('attributes', 'name', contactId, name, value)
  }

  setField(contactId: string, fieldId: string, value: string): void {
    this.upsert('field_values', 'field_id', contactId, fieldId, value)
  }

  setVariable(contactId: string, name: string, value: string): void {
    this.upsert('variables', 'name', contactId, name, value)
  }

  private upsert(table: string, key: string, contactId: string, name: string, value: string): void {
    this.db
      .prepare(
        `INSERT INTO ${table} (contact_id, ${key}, value, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (contact_id, ${key}) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(contactId, name, value, now())
  }

  values(contactId: string): { attributes: Record<string, string>; fields: Record<string, string>; variables: Record<string, string> } {
    const read = (table: string, key: string) => {
      const rows = this.db.prepare(`SELECT ${key} AS name, value FROM ${table} WHERE contact_id = ? ORDER BY ${key}`).all(contactId) as {
        name: string
        value: string
      }[]
      return Object.fromEntries(rows.map((row) => [row.name, row.value]))
    }
    return { attributes: read('attributes', 'name'), fields: read('field_values', 'field_id'), variables: read('variables', 'name') }
  }

  setState(contactId: string, state: unknown): void {
    this.db.prepare('UPDATE contacts SET state = ? WHERE id = ?').run(JSON.stringify(state), contactId)
  }

  setPendingStart(contactId: string, block: string | null): void {
    this.db.prepare('UPDATE contacts SET pending_start = ? WHERE id = ?').run(block, contactId)
  }

  markStarted(contactId: string): void {
    this.db.prepare('UPDATE contacts SET started = 1, pending_start = NULL WHERE id = ?').run(contactId)
  }

  setLastIntent(contactId: string, summary: unknown): void {
    this.db.prepare('UPDATE contacts SET last_intent = ? WHERE id = ?').run(JSON.stringify(summary), contactId)
  }

  // Client ids (an update's, an intent's, a message's) are scoped to the visitor that made
  // them: `scopedId` prefixes the token's hash, so another visitor sending the same id never
  // meets this one's result. Rows written before ids were scoped hold the bare id; they are
  // found only within their own contact, as they were then.

  updateResult(contactId: string, scoped: string): unknown {
    const row = this.db
      .prepare('SELECT result FROM updates WHERE contact_id = ? AND update_id IN (?, ?) ORDER BY length(update_id) DESC LIMIT 1')
      .get(contactId, scoped, bareId(scoped)) as { result: string } | undefined
    return row ? JSON.parse(row.result) : undefined
  }

  saveUpdateResult(contactId: string, scoped: string, result: unknown): void {
    this.db
      .prepare('INSERT INTO updates (contact_id, update_id, result, at) VALUES (?, ?, ?, ?)')
      .run(contactId, scoped, JSON.stringify(result), now())
  }

  intentResult(bot: string, scoped: string, contactId: string): { contactId: string; result: unknown } | undefined {
    const row = this.db
      .prepare(
        'SELECT contact_id, result FROM intents WHERE bot = ? AND (intent_id = ? OR (intent_id = ? AND contact_id = ?)) ORDER BY length(intent_id) DESC LIMIT 1',
      )
      .get(bot, scoped, bareId(scoped), contactId) as { contact_id: string; result: string } | undefined
    return row ? { contactId: row.contact_id, result: JSON.parse(row.result) } : undefined
  }

  saveIntentResult(bot: string, scoped: string, contactId: string, result: unknown): void {
    this.db
      .prepare('INSERT INTO intents (bot, intent_id, contact_id, result, at) VALUES (?, ?, ?, ?, ?)')
      .run(bot, scoped, contactId, JSON.stringify(result), now())
  }

  /** Appends a message; returns it with its sequence number. */
  addMessage(
    contactId: string,
    sender: 'bot' | 'visitor',
    body: Omit<ChatMessage, 'seq' | 'at' | 'from'>,
    actions: unknown,
    requestId: string | null,
  ): ChatMessage {
    const { last_seq } = this.db.prepare('UPDATE contacts SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq').get(contactId) as {
      last_seq: number
    }
    const at = now()
    this.db
      .prepare('INSERT INTO messages (contact_id, seq, request_id, sender, body, actions, at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(contactId, last_seq, requestId, sender, JSON.stringify(body), actions === undefined ? null : JSON.stringify(actions), at)
    return { seq: last_seq, from: sender, ...body, at }
  }

  private toMessage(row: { seq: number; sender: 'bot' | 'visitor'; body: string; at: string }): ChatMessage {
    return { seq: row.seq, from: row.sender, ...JSON.parse(row.body), at: row.at }
  }

  messagesAfter(contactId: string, after: number, limit = 500): ChatMessage[] {
    const rows = this.db
      .prepare('SELECT seq, sender, body, at FROM messages WHERE contact_id = ? AND seq > ? ORDER BY seq LIMIT ?')
      .all(contactId, after, limit)
    return (rows as { seq: number; sender: 'bot' | 'visitor'; body: string; at: string }[]).map((row) => this.toMessage(row))
  }

  messagesOfRequest(contactId: string, scoped: string): ChatMessage[] {
    let rows = this.db
      .prepare('SELECT seq, sender, body, at FROM messages WHERE contact_id = ? AND request_id = ? ORDER BY seq')
      .all(contactId, scoped)
    if (rows.length === 0) {
      rows = this.db
        .prepare('SELECT seq, sender, body, at FROM messages WHERE contact_id = ? AND request_id = ? ORDER BY seq')
        .all(contactId, bareId(scoped))
    }
    return (rows as { seq: number; sender: 'bot' | 'visitor'; body: string; at: string }[]).map((row) => this.toMessage(row))
  }

  messageActions(contactId: string, seq: number): unknown {
    const row = this.db.prepare("SELECT actions FROM messages WHERE contact_id = ? AND seq = ? AND sender = 'bot'").get(contactId, seq) as
      | { actions: string | null }
      | undefined
    return row?.actions ? JSON.parse(row.actions) : undefined
  }

  recordLinkOpen(bot: string, link: string, known: boolean, contactId: string, fieldsSet: number): void {
    this.db
      .prepare('INSERT INTO link_opens (bot, link, known, contact_id, fields_set, at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(bot, link, known ? 1 : 0, contactId, fieldsSet, now())
  }

  linkStats(bot: string): { link: string; known: boolean; opens: number; contactsWithFields: number }[] {
    const rows = this.db
      .prepare(
        `SELECT link, MAX(known) AS known, COUNT(*) AS opens,
                COUNT(DISTINCT CASE WHEN fields_set > 0 THEN contact_id END) AS contactsWithFields
         FROM link_opens WHERE bot = ? GROUP BY link ORDER BY link`,
      )
      .all(bot) as { link: string; known: number; opens: number; contactsWithFields: number }[]
    return rows.map((row) => ({ ...row, known: row.known === 1 }))
  }

  linkOpens(contactId: string): { link: string; known: boolean; fieldsSet: number; at: string }[] {
    const rows = this.db.prepare('SELECT link, known, fields_set, at FROM link_opens WHERE contact_id = ? ORDER BY id').all(contactId) as {
      link: string
      known: number
      fields_set: number
      at: string
    }[]
    return rows.map((row) => ({ link: row.link, known: row.known === 1, fieldsSet: row.fields_set, at: row.at }))
  }
}
