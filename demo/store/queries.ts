import { randomBytes } from 'node:crypto'
import type { ChatMessage } from '../../widget/transport/protocol.ts'
import { bareId, hashToken } from './scoped-id.ts'
import type { SqlRunner } from './sql.ts'

export interface ContactRow {
  id: string
  bot: string
  created_at: string
  state: string
  pending_start: string | null
  /** The entry link whose start `pending_start` is, if a link asked for it. */
  pending_link: string | null
  started: number
  last_seq: number
  last_intent: string | null
}

/** A webhook delivery (docs/webhooks.md); times in milliseconds since 1970. */
export interface DeliveryRow {
  seq: number
  id: string
  bot: string
  contactId: string
  type: string
  /** The exact JSON that is signed and sent. */
  body: string
  status: 'pending' | 'delivered' | 'failed'
  attempts: number
  since: number
  nextAt: number
  leaseUntil: number
  lastError: string | null
  createdAt: string
}

type DeliveryRecord = {
  seq: number | string
  id: string
  bot: string
  contact_id: string
  type: string
  body: string
  status: DeliveryRow['status']
  attempts: number
  since: number | string
  next_at: number | string
  lease_until: number | string
  last_error: string | null
  created_at: string
}

// PostgreSQL's driver hands BIGINT over as a string.
const toDelivery = (row: DeliveryRecord): DeliveryRow => ({
  seq: Number(row.seq),
  id: row.id,
  bot: row.bot,
  contactId: row.contact_id,
  type: row.type,
  body: row.body,
  status: row.status,
  attempts: row.attempts,
  since: Number(row.since),
  nextAt: Number(row.next_at),
  leaseUntil: Number(row.lease_until),
  lastError: row.last_error,
  createdAt: row.created_at,
})

/** One count of a bot's link results: `day` null for a total over the range (docs/results.md). */
export interface LinkResultRow {
  link: string
  day: string | null
  measure: 'opens' | 'visitorsWithFields' | 'conversationsStarted' | 'conversionsFirstLink' | 'conversionsLastLink'
  count: number
}

type MessageRow = { seq: number; sender: 'bot' | 'visitor'; body: string; at: string }

const now = () => new Date().toISOString()
// The row's own columns win over anything in the body, so a stored body can never change a message's seq.
const toMessage = (row: MessageRow): ChatMessage => ({ ...JSON.parse(row.body), seq: row.seq, from: row.sender, at: row.at })

/**
 * Every read and write of the reference backend, written once in the SQL both engines speak.
 * Inside `Store.transaction` they run in the transaction; on the store itself, each on its own.
 */
export class Queries {
  constructor(private readonly sql: SqlRunner) {}

  contactByToken(bot: string, token: string): Promise<ContactRow | undefined> {
    return this.sql.get('SELECT c.* FROM visitors v JOIN contacts c ON c.id = v.contact_id WHERE v.bot = ? AND v.token_hash = ?', [
      bot,
      hashToken(token),
    ])
  }

  contact(id: string): Promise<ContactRow | undefined> {
    return this.sql.get('SELECT * FROM contacts WHERE id = ?', [id])
  }

  async createContact(bot: string, token: string): Promise<ContactRow> {
    const id = `c_${randomBytes(12).toString('base64url')}`
    const row = await this.sql.get<ContactRow>('INSERT INTO contacts (id, bot, created_at) VALUES (?, ?, ?) RETURNING *', [id, bot, now()])
    await this.bindToken(bot, token, id)
    return row as ContactRow
  }

  /** Points a visitor token at a contact (a new visitor, or a signed link's user_id). */
  bindToken(bot: string, token: string, contactId: string): Promise<void> {
    return this.sql.run(
      'INSERT INTO visitors (token_hash, bot, contact_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (bot, token_hash) DO UPDATE SET contact_id = excluded.contact_id',
      [hashToken(token), bot, contactId, now()],
    )
  }

  /** The contact a signed link made the identity `userId`; an attribute alone never is one. */
  contactByUserId(bot: string, userId: string): Promise<ContactRow | undefined> {
    return this.sql.get('SELECT c.* FROM identities i JOIN contacts c ON c.id = i.contact_id WHERE i.bot = ? AND i.user_id = ?', [
      bot,
      userId,
    ])
  }

  /** The signed user_id of a contact, or null when no signed link has named it. */
  async userIdOf(contactId: string): Promise<string | null> {
    const row = await this.sql.get<{ user_id: string }>('SELECT user_id FROM identities WHERE contact_id = ?', [contactId])
    return row?.user_id ?? null
  }

  /** Records that a signed link named this contact `userId`, and keeps it as its user_id attribute. */
  async bindUserId(bot: string, userId: string, contactId: string): Promise<void> {
    await this.sql.run('INSERT INTO identities (bot, user_id, contact_id, created_at) VALUES (?, ?, ?, ?)', [bot, userId, contactId, now()])
    await this.setAttribute(contactId, 'user_id', userId)
  }

  setAttribute(contactId: string, name: string, value: string): Promise<void> {
    return this.upsert('attributes', 'name', contactId, name, value)
  }

  setField(contactId: string, fieldId: string, value: string): Promise<void> {
    return this.upsert('field_values', 'field_id', contactId, fieldId, value)
  }

  setVariable(contactId: string, name: string, value: string): Promise<void> {
    return this.upsert('variables', 'name', contactId, name, value)
  }

  private upsert(table: string, key: string, contactId: string, name: string, value: string): Promise<void> {
    return this.sql.run(
      `INSERT INTO ${table} (contact_id, ${key}, value, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (contact_id, ${key}) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      [contactId, name, value, now()],
    )
  }

  /** Everything stored about a contact, in one statement: its attributes, field values and variables by name. */
  async values(
    contactId: string,
  ): Promise<{ attributes: Record<string, string>; fields: Record<string, string>; variables: Record<string, string> }> {
    const rows = await this.sql.all<{ kind: 'a' | 'f' | 'v'; name: string; value: string }>(
      `SELECT 'a' AS kind, name, value FROM attributes WHERE contact_id = ?
       UNION ALL SELECT 'f', field_id, value FROM field_values WHERE contact_id = ?
       UNION ALL SELECT 'v', name, value FROM variables WHERE contact_id = ?
       ORDER BY kind, name`,
      [contactId, contactId, contactId],
    )
    const values = {
      attributes: {} as Record<string, string>,
      fields: {} as Record<string, string>,
      variables: {} as Record<string, string>,
    }
    const into = { a: values.attributes, f: values.fields, v: values.variables }
    for (const row of rows) into[row.kind][row.name] = row.value
    return values
  }

  setState(contactId: string, state: unknown): Promise<void> {
    return this.sql.run('UPDATE contacts SET state = ? WHERE id = ?', [JSON.stringify(state), contactId])
  }

  /** Where the next chat opening starts, and the entry link that asked for it (null: none did). */
  setPendingStart(contactId: string, block: string | null, link: string | null = null): Promise<void> {
    return this.sql.run('UPDATE contacts SET pending_start = ?, pending_link = ? WHERE id = ?', [block, link, contactId])
  }

  markStarted(contactId: string): Promise<void> {
    return this.sql.run('UPDATE contacts SET started = 1, pending_start = NULL, pending_link = NULL WHERE id = ?', [contactId])
  }

  setLastIntent(contactId: string, summary: unknown): Promise<void> {
    return this.sql.run('UPDATE contacts SET last_intent = ? WHERE id = ?', [JSON.stringify(summary), contactId])
  }

  // Client ids are scoped to the visitor that made them (scoped-id.ts). Rows written before
  // ids were scoped hold the bare id; they are found only within their own contact, as then.

  async updateResult(contactId: string, scoped: string): Promise<unknown> {
    const row = await this.sql.get<{ result: string }>(
      'SELECT result FROM updates WHERE contact_id = ? AND update_id IN (?, ?) ORDER BY length(update_id) DESC LIMIT 1',
      [contactId, scoped, bareId(scoped)],
    )
    return row ? JSON.parse(row.result) : undefined
  }

  saveUpdateResult(contactId: string, scoped: string, result: unknown): Promise<void> {
    return this.sql.run('INSERT INTO updates (contact_id, update_id, result, at) VALUES (?, ?, ?, ?)', [
      contactId,
      scoped,
      JSON.stringify(result),
      now(),
    ])
  }

  async intentResult(bot: string, scoped: string, contactId: string): Promise<{ contactId: string; result: unknown } | undefined> {
    const row = await this.sql.get<{ contact_id: string; result: string }>(
      'SELECT contact_id, result FROM intents WHERE bot = ? AND (intent_id = ? OR (intent_id = ? AND contact_id = ?)) ORDER BY length(intent_id) DESC LIMIT 1',
      [bot, scoped, bareId(scoped), contactId],
    )
    return row ? { contactId: row.contact_id, result: JSON.parse(row.result) } : undefined
  }

  saveIntentResult(bot: string, scoped: string, contactId: string, result: unknown): Promise<void> {
    return this.sql.run('INSERT INTO intents (bot, intent_id, contact_id, result, at) VALUES (?, ?, ?, ?, ?)', [
      bot,
      scoped,
      contactId,
      JSON.stringify(result),
      now(),
    ])
  }

  /** Appends a message; returns it with its sequence number. */
  async addMessage(
    contactId: string,
    sender: 'bot' | 'visitor',
    body: Omit<ChatMessage, 'seq' | 'at' | 'from'>,
    actions: unknown,
    requestId: string | null,
  ): Promise<ChatMessage> {
    const { last_seq } = (await this.sql.get<{ last_seq: number }>(
      'UPDATE contacts SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq',
      [contactId],
    )) as { last_seq: number }
    const at = now()
    await this.sql.run('INSERT INTO messages (contact_id, seq, request_id, sender, body, actions, at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      contactId,
      last_seq,
      requestId,
      sender,
      JSON.stringify(body),
      actions === undefined ? null : JSON.stringify(actions),
      at,
    ])
    return { seq: last_seq, from: sender, ...body, at }
  }

  async messagesAfter(contactId: string, after: number, limit = 500): Promise<ChatMessage[]> {
    const rows = await this.sql.all<MessageRow>(
      'SELECT seq, sender, body, at FROM messages WHERE contact_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      [contactId, after, limit],
    )
    return rows.map(toMessage)
  }

  async messagesOfRequest(contactId: string, scoped: string): Promise<ChatMessage[]> {
    // One read for both spellings: the scoped id's messages, else a legacy bare id's.
    const rows = await this.sql.all<MessageRow & { request_id: string }>(
      'SELECT seq, sender, body, at, request_id FROM messages WHERE contact_id = ? AND request_id IN (?, ?) ORDER BY seq',
      [contactId, scoped, bareId(scoped)],
    )
    const own = rows.filter((row) => row.request_id === scoped)
    return (own.length > 0 ? own : rows).map(toMessage)
  }

  async messageActions(contactId: string, seq: number): Promise<unknown> {
    const row = await this.sql.get<{ actions: string | null }>(
      "SELECT actions FROM messages WHERE contact_id = ? AND seq = ? AND sender = 'bot'",
      [contactId, seq],
    )
    return row?.actions ? JSON.parse(row.actions) : undefined
  }

  recordLinkOpen(bot: string, link: string, known: boolean, contactId: string, fieldsSet: number): Promise<void> {
    return this.sql.run('INSERT INTO link_opens (bot, link, known, contact_id, fields_set, at) VALUES (?, ?, ?, ?, ?, ?)', [
      bot,
      link,
      known ? 1 : 0,
      contactId,
      fieldsSet,
      now(),
    ])
  }

  /** A chat opening that ran the start an entry link asked for. */
  recordConversationStart(bot: string, link: string, contactId: string): Promise<void> {
    return this.sql.run('INSERT INTO conversation_starts (bot, link, contact_id, at) VALUES (?, ?, ?, ?)', [bot, link, contactId, now()])
  }

  /**
   * Records that a contact reached a goal block, attributed to the first link it ever came
   * through and the last one so far; null when it had reached this goal before (one row per
   * contact and goal, whichever process gets there first).
   */
  async recordGoal(
    bot: string,
    contactId: string,
    goal: string,
  ): Promise<{ firstLink: string | null; lastLink: string | null; at: string } | null> {
    // WHERE true: SQLite reads an ON right after INSERT ... SELECT ... FROM as a join's otherwise.
    const row = await this.sql.get<{ first_link: string | null; last_link: string | null; at: string }>(
      `INSERT INTO goals_reached (bot, contact_id, goal, first_link, last_link, at)
       SELECT ?, ?, ?, (SELECT link FROM link_opens WHERE contact_id = ? ORDER BY id LIMIT 1),
              (SELECT link FROM link_opens WHERE contact_id = ? ORDER BY id DESC LIMIT 1), ? WHERE true
       ON CONFLICT (contact_id, goal) DO NOTHING
       RETURNING first_link, last_link, at`,
      [bot, contactId, goal, contactId, contactId, now()],
    )
    return row ? { firstLink: row.first_link, lastLink: row.last_link, at: row.at } : null
  }

  /** A contact's goals reached, in the order it reached them. */
  async goalsOf(contactId: string): Promise<{ goal: string; firstLink: string | null; lastLink: string | null; at: string }[]> {
    const rows = await this.sql.all<{ goal: string; first_link: string | null; last_link: string | null; at: string }>(
      'SELECT goal, first_link, last_link, at FROM goals_reached WHERE contact_id = ? ORDER BY at, goal',
      [contactId],
    )
    return rows.map((row) => ({ goal: row.goal, firstLink: row.first_link, lastLink: row.last_link, at: row.at }))
  }

  /**
   * A bot's per-link counts by UTC day, for times in [since, before) (ISO 8601 strings, which
   * sort as times do): one row per link, day and measure that is not zero (docs/results.md).
   */
  async linkResultRows(bot: string, since: string, before: string, goal: string | null): Promise<LinkResultRow[]> {
    // CAST: PostgreSQL counts in bigint, which its driver hands over as a string.
    const range = 'bot = ? AND at >= ? AND at < ?'
    const goalOnly = goal === null ? '' : ' AND goal = ?'
    const goalParams = goal === null ? [] : [goal]
    const rows = await this.sql.all<{ link: string; day: string | null; measure: LinkResultRow['measure']; count: number }>(
      `SELECT link, substr(at, 1, 10) AS day, 'opens' AS measure, CAST(COUNT(*) AS INTEGER) AS count
         FROM link_opens WHERE ${range} GROUP BY link, substr(at, 1, 10)
       UNION ALL SELECT link, substr(at, 1, 10), 'visitorsWithFields', CAST(COUNT(DISTINCT contact_id) AS INTEGER)
         FROM link_opens WHERE ${range} AND fields_set > 0 GROUP BY link, substr(at, 1, 10)
       UNION ALL SELECT link, NULL, 'visitorsWithFields', CAST(COUNT(DISTINCT contact_id) AS INTEGER)
         FROM link_opens WHERE ${range} AND fields_set > 0 GROUP BY link
       UNION ALL SELECT link, substr(at, 1, 10), 'conversationsStarted', CAST(COUNT(*) AS INTEGER)
         FROM conversation_starts WHERE ${range} GROUP BY link, substr(at, 1, 10)
       UNION ALL SELECT first_link, substr(at, 1, 10), 'conversionsFirstLink', CAST(COUNT(*) AS INTEGER)
         FROM goals_reached WHERE ${range}${goalOnly} AND first_link IS NOT NULL GROUP BY first_link, substr(at, 1, 10)
       UNION ALL SELECT last_link, substr(at, 1, 10), 'conversionsLastLink', CAST(COUNT(*) AS INTEGER)
         FROM goals_reached WHERE ${range}${goalOnly} AND last_link IS NOT NULL GROUP BY last_link, substr(at, 1, 10)`,
      [
        ...[bot, since, before],
        ...[bot, since, before],
        ...[bot, since, before],
        ...[bot, since, before],
        ...[bot, since, before, ...goalParams],
        ...[bot, since, before, ...goalParams],
      ],
    )
    return rows.map((row) => ({ link: row.link, day: row.day, measure: row.measure, count: Number(row.count) }))
  }

  /**
   * Opens and contacts given fields per link, by name: every link known when it was opened,
   * and of the unknown ones, which anyone can make up, the `maxUnknown` opened most.
   */
  async linkStats(
    bot: string,
    maxUnknown = 50,
  ): Promise<{ links: { link: string; known: boolean; opens: number; contactsWithFields: number }[]; unknownLinksLeftOut: number }> {
    // CAST: PostgreSQL counts in bigint, which its driver hands over as a string.
    const select = (known: 0 | 1, rest: string) =>
      this.sql.all<{ link: string; opens: number; contacts_with_fields: number }>(
        `SELECT link, CAST(COUNT(*) AS INTEGER) AS opens,
                CAST(COUNT(DISTINCT CASE WHEN fields_set > 0 THEN contact_id END) AS INTEGER) AS contacts_with_fields
         FROM link_opens WHERE bot = ? GROUP BY link HAVING MAX(known) = ${known} ${rest}`,
        [bot],
      )
    const known = await select(1, '')
    const unknown = await select(0, `ORDER BY opens DESC, link LIMIT ${Math.max(0, Math.trunc(maxUnknown) || 0)}`)
    const counted = await this.sql.get<{ n: number }>(
      'SELECT CAST(COUNT(*) AS INTEGER) AS n FROM (SELECT link FROM link_opens WHERE bot = ? GROUP BY link HAVING MAX(known) = 0) AS u',
      [bot],
    )
    const links = [...known.map((row) => ({ row, known: true })), ...unknown.map((row) => ({ row, known: false }))]
      .map(({ row, known }) => ({ link: row.link, known, opens: Number(row.opens), contactsWithFields: Number(row.contacts_with_fields) }))
      .sort((a, b) => (a.link < b.link ? -1 : a.link > b.link ? 1 : 0))
    // Not in one transaction: rows erased meanwhile may make the count the smaller.
    return { links, unknownLinksLeftOut: Math.max(0, Number(counted?.n ?? 0) - unknown.length) }
  }

  /**
   * Takes one token from the bucket `key` (`burst` at most, refilled at `perSecond`), in one
   * statement, so processes taking from the same bucket at once never both get the last one.
   */
  async takeToken(key: string, burst: number, perSecond: number, now: number): Promise<{ allowed: boolean; tokens: number }> {
    // A taker whose clock reading is older than the bucket's (it waited for a connection while
    // later ones went first) refills nothing, and takes nothing back either.
    const elapsed = 'CASE WHEN excluded.at > rate_buckets.at THEN excluded.at - rate_buckets.at ELSE 0 END'
    const refill = `CASE WHEN rate_buckets.tokens + ${elapsed} * CAST(? AS DOUBLE PRECISION) > CAST(? AS DOUBLE PRECISION)
      THEN CAST(? AS DOUBLE PRECISION) ELSE rate_buckets.tokens + ${elapsed} * CAST(? AS DOUBLE PRECISION) END`
    const refillParams = [perSecond / 1000, burst, burst, perSecond / 1000]
    const row = (await this.sql.get<{ allowed: number; tokens: number }>(
      `INSERT INTO rate_buckets (key, tokens, at, allowed) VALUES (?, CAST(? AS DOUBLE PRECISION), CAST(? AS BIGINT), 1)
       ON CONFLICT (key) DO UPDATE SET
         allowed = CASE WHEN ${refill} >= 1 THEN 1 ELSE 0 END,
         tokens = CASE WHEN ${refill} >= 1 THEN ${refill} - 1 ELSE ${refill} END,
         at = CASE WHEN excluded.at > rate_buckets.at THEN excluded.at ELSE rate_buckets.at END
       RETURNING allowed, tokens`,
      [key, burst - 1, now, ...refillParams, ...refillParams, ...refillParams, ...refillParams],
    )) as { allowed: number; tokens: number }
    return { allowed: row.allowed === 1, tokens: Number(row.tokens) }
  }

  /** A bucket as last written, or undefined when it is full (never taken from, or forgotten). */
  async bucket(key: string): Promise<{ tokens: number; at: number } | undefined> {
    const row = await this.sql.get<{ tokens: number; at: number }>('SELECT tokens, at FROM rate_buckets WHERE key = ?', [key])
    return row ? { tokens: Number(row.tokens), at: Number(row.at) } : undefined
  }

  /**
   * Forgets the buckets of one limiter (`prefix`) untouched since `before`: refilled by now,
   * they are as good as new. Each limiter refills at its own rate, so each sweeps its own.
   */
  forgetBuckets(prefix: string, before: number): Promise<void> {
    return this.sql.run("DELETE FROM rate_buckets WHERE key LIKE ? || ':%' AND at < CAST(? AS BIGINT)", [prefix, before])
  }

  async linkOpens(contactId: string): Promise<{ link: string; known: boolean; fieldsSet: number; at: string }[]> {
    const rows = await this.sql.all<{ link: string; known: number; fields_set: number; at: string }>(
      'SELECT link, known, fields_set, at FROM link_opens WHERE contact_id = ? ORDER BY id',
      [contactId],
    )
    return rows.map((row) => ({ link: row.link, known: row.known === 1, fieldsSet: row.fields_set, at: row.at }))
  }

  /** Queues a webhook delivery; inside the transaction of the write it reports, so both are kept or neither. */
  addDelivery(delivery: { id: string; bot: string; contactId: string; type: string; body: string; at: number }): Promise<void> {
    return this.sql.run(
      'INSERT INTO webhook_deliveries (id, bot, contact_id, type, body, since, next_at, created_at) VALUES (?, ?, ?, ?, ?, CAST(? AS BIGINT), CAST(? AS BIGINT), ?)',
      [
        delivery.id,
        delivery.bot,
        delivery.contactId,
        delivery.type,
        delivery.body,
        delivery.at,
        delivery.at,
        new Date(delivery.at).toISOString(),
      ],
    )
  }

  /**
   * Leases up to `limit` deliveries that are due, each the oldest pending one of its contact,
   * until `leaseUntil`. One statement that re-checks the lease of each row it takes, so two
   * processes never hold the same delivery; a contact's next one waits while its previous one
   * is pending, leased or not.
   */
  async claimDeliveries(now: number, leaseUntil: number, limit: number): Promise<DeliveryRow[]> {
    const rows = await this.sql.all<DeliveryRecord>(
      `UPDATE webhook_deliveries SET lease_until = CAST(? AS BIGINT)
       WHERE status = 'pending' AND lease_until <= CAST(? AS BIGINT) AND seq IN (
         SELECT d.seq FROM webhook_deliveries d
         WHERE d.status = 'pending' AND d.next_at <= CAST(? AS BIGINT) AND d.lease_until <= CAST(? AS BIGINT)
           AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.contact_id = d.contact_id AND e.status = 'pending' AND e.seq < d.seq)
         ORDER BY d.seq LIMIT ?)
       RETURNING *`,
      [leaseUntil, now, now, now, limit],
    )
    return rows.map(toDelivery).sort((a, b) => a.seq - b.seq)
  }

  markDelivered(seq: number, attempts: number): Promise<void> {
    return this.sql.run(
      "UPDATE webhook_deliveries SET status = 'delivered', attempts = ?, lease_until = 0, last_error = NULL WHERE seq = ?",
      [attempts, seq],
    )
  }

  /** Records a failed attempt: due again at `nextAt`, or, when null, given up (`failed`). */
  recordFailedAttempt(seq: number, attempts: number, error: string, nextAt: number | null): Promise<void> {
    if (nextAt === null)
      return this.sql.run("UPDATE webhook_deliveries SET status = 'failed', attempts = ?, lease_until = 0, last_error = ? WHERE seq = ?", [
        attempts,
        error,
        seq,
      ])
    return this.sql.run(
      'UPDATE webhook_deliveries SET attempts = ?, next_at = CAST(? AS BIGINT), lease_until = 0, last_error = ? WHERE seq = ?',
      [attempts, nextAt, error, seq],
    )
  }

  /** A bot's deliveries, oldest first, of one status or all. */
  async deliveries(bot: string, status: DeliveryRow['status'] | null, limit = 500): Promise<DeliveryRow[]> {
    const rows = await this.sql.all<DeliveryRecord>(
      status === null
        ? 'SELECT * FROM webhook_deliveries WHERE bot = ? ORDER BY seq LIMIT ?'
        : 'SELECT * FROM webhook_deliveries WHERE bot = ? AND status = ? ORDER BY seq LIMIT ?',
      status === null ? [bot, limit] : [bot, status, limit],
    )
    return rows.map(toDelivery)
  }

  async delivery(bot: string, id: string): Promise<DeliveryRow | undefined> {
    const row = await this.sql.get<DeliveryRecord>('SELECT * FROM webhook_deliveries WHERE bot = ? AND id = ?', [bot, id])
    return row && toDelivery(row)
  }

  /** Makes a delivery that gave up pending again, due at once, with a new series of attempts; undefined unless it had failed. */
  async retryDelivery(bot: string, id: string, now: number): Promise<DeliveryRow | undefined> {
    const row = await this.sql.get<DeliveryRecord>(
      `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, since = CAST(? AS BIGINT), next_at = CAST(? AS BIGINT), lease_until = 0
       WHERE bot = ? AND id = ? AND status = 'failed' RETURNING *`,
      [now, now, bot, id],
    )
    return row && toDelivery(row)
  }
}
