import pg from 'pg'
import { forPostgres, MIGRATIONS } from './migrations.ts'
import { Queries } from './queries.ts'
import type { SqlRunner } from './sql.ts'
import type { ContactFeed, Store, TransactionOptions } from './store.ts'

// SQLSTATEs after which a transaction is run again from the start: another transaction won
// a serialisation conflict or a deadlock, or inserted the same key first. Run again, it
// sees what the other wrote (a retried request then gets its first answer back).
const RETRY = new Set(['40001', '40P01', '23505'])
const MAX_ATTEMPTS = 20
/** Any number: all backend processes take this advisory lock while they migrate. */
const MIGRATION_LOCK = 4_000_001
/** The NOTIFY channel on which processes announce contacts with new messages. */
const CHANNEL = 'doorway_messages'
/** How long to wait before listening again after the listening connection was lost. */
const RELISTEN_MS = 1000

/**
 * PostgreSQL storage, for several backend processes on one database. Transactions are
 * SERIALIZABLE and run again when PostgreSQL reports a conflict, so "applied once" holds
 * across processes; a commit returns once it is flushed (synchronous_commit, on by default).
 */
export class PostgresStore extends Queries implements Store {
  readonly engine = 'postgres'
  readonly feed: ContactFeed

  /** The rate limits' token buckets, on connections of their own (see `open`). */
  private readonly buckets: Queries

  private constructor(
    private readonly pool: pg.Pool,
    private readonly bucketPool: pg.Pool,
    url: string,
  ) {
    super(runner(pool))
    this.buckets = new Queries(runner(bucketPool))
    this.feed = { announce: announcer(pool), listen: (heard) => listen(url, heard) }
  }

  /** Connects, and migrates the database to this server's schema version. */
  static async open(url: string, { max = 10 }: { max?: number } = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max })
    // A token bucket is a counter, not a write any answer acknowledges, so its commits do not
    // wait for the WAL flush: a database crash may forget the last tokens taken. Waiting held
    // the row of a busy bucket (one address) locked through one flush per request, which
    // capped every process on the database at one request per flush.
    const bucketPool = new pg.Pool({ connectionString: withOption(url, '-c synchronous_commit=off'), max: 2 })
    // An idle connection the server dropped is an error on the pool; the next query reconnects.
    for (const each of [pool, bucketPool])
      each.on('error', (error) => console.error('doorway-demo: PostgreSQL connection lost:', error.message))
    try {
      await migrate(pool)
    } catch (error) {
      await Promise.all([pool.end(), bucketPool.end()])
      throw error
    }
    return new PostgresStore(pool, bucketPool, url)
  }

  override takeToken(key: string, burst: number, perSecond: number, now: number): Promise<{ allowed: boolean; tokens: number }> {
    return this.buckets.takeToken(key, burst, perSecond, now)
  }

  override bucket(key: string): Promise<{ tokens: number; at: number } | undefined> {
    return this.buckets.bucket(key)
  }

  override forgetBuckets(prefix: string, before: number): Promise<void> {
    return this.buckets.forgetBuckets(prefix, before)
  }

  async transaction<T>(work: (tx: Queries) => Promise<T>, { serialiseOn }: TransactionOptions = {}): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect()
      try {
        if (serialiseOn === undefined) await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE')
        else {
          // One visitor's transactions queue on a lock of its own, across every process:
          // SERIALIZABLE would also abort transactions of other visitors that only touched
          // the same index pages, and did so for more than half of them under load. Both
          // statements in one round trip (the simple protocol takes no parameters, hence the
          // quoted literal).
          await client.query(`BEGIN; SELECT pg_advisory_xact_lock(hashtextextended(${client.escapeLiteral(serialiseOn)}, 0))`)
        }
        const result = await work(new Queries(runner(client)))
        await client.query('COMMIT')
        return result
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {})
        const code = (error as { code?: string }).code
        if (!code || !RETRY.has(code) || attempt >= MAX_ATTEMPTS) throw error
      } finally {
        client.release()
      }
      // A few milliseconds, growing, so the transactions that collided do not collide again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * attempt))
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.pool.end(), this.bucketPool.end()])
  }
}

/** The URL with one more server setting for its connections, after those it has (`options`). */
function withOption(url: string, option: string): string {
  const parsed = new URL(url)
  const options = parsed.searchParams.get('options')
  parsed.searchParams.set('options', options ? `${options} ${option}` : option)
  return parsed.href
}

// The schema_version table records how far the database is migrated.
async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)')
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version')
    if (rows.length === 0) await client.query('INSERT INTO schema_version (version) VALUES (0)')
    const version = rows[0]?.version ?? 0
    if (version > MIGRATIONS.length) {
      throw new Error(`the database is schema version ${version}, newer than this server's ${MIGRATIONS.length}`)
    }
    for (let v = version; v < MIGRATIONS.length; v++) await client.query(forPostgres(MIGRATIONS[v]))
    await client.query('UPDATE schema_version SET version = $1', [MIGRATIONS.length])
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}

/**
 * LISTEN on a connection of its own (a pooled one would be handed to queries). When it is
 * lost, listens again a second later and reports null: what was announced meanwhile is unknown.
 */
async function listen(url: string, heard: (contactId: string | null) => void): Promise<() => Promise<void>> {
  let stopped = false
  let client: pg.Client | null = null
  let retry: NodeJS.Timeout | undefined
  const listenAgain = () => {
    retry = setTimeout(() => {
      if (!stopped) connect().then(() => heard(null), listenAgain)
    }, RELISTEN_MS)
  }
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url })
    next.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload) heard(message.payload)
    })
    next.on('error', (error) => {
      console.error('doorway-demo: lost the PostgreSQL connection that listens for other processes:', error.message)
      next.end().catch(() => {})
      if (client === next) client = null
      if (!stopped) listenAgain()
    })
    await next.connect()
    await next.query(`LISTEN ${CHANNEL}`)
    if (stopped) {
      await next.end()
      return
    }
    client = next
  }
  await connect()
  return async () => {
    stopped = true
    clearTimeout(retry)
    await client?.end()
  }
}

/**
 * Announces contacts in batches: the ones announced during one turn of the event loop go in
 * one statement (one NOTIFY each, so a listener hears them one by one), on one connection.
 */
function announcer(pool: pg.Pool): (contactId: string) => Promise<void> {
  let batch: { ids: Set<string>; sent: Promise<void> } | null = null
  return (contactId) => {
    if (batch) {
      batch.ids.add(contactId)
      return batch.sent
    }
    const ids = new Set([contactId])
    const sent = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      batch = null
      const list = [...ids]
      await pool.query(`SELECT ${list.map((_, i) => `pg_notify($1, $${i + 2})`).join(', ')}`, [CHANNEL, ...list])
    })
    batch = { ids, sent }
    return sent
  }
}

/**
 * Each SQL text as a named statement: PostgreSQL parses and plans it once per connection,
 * not on every call, and `?` placeholders become `$1`, `$2`... once.
 */
const statements = new Map<string, { name: string; text: string }>()
function statement(sql: string, values: unknown[]): pg.QueryConfig {
  let found = statements.get(sql)
  if (!found) {
    let n = 0
    found = { name: `doorway_${statements.size + 1}`, text: sql.replace(/\?/g, () => `$${++n}`) }
    statements.set(sql, found)
  }
  return { ...found, values }
}

function runner(db: pg.Pool | pg.PoolClient): SqlRunner {
  return {
    all: async <Row>(sql: string, params: unknown[] = []) => (await db.query(statement(sql, params))).rows as Row[],
    get: async <Row>(sql: string, params: unknown[] = []) => (await db.query(statement(sql, params))).rows[0] as Row | undefined,
    run: async (sql: string, params: unknown[] = []) => {
      await db.query(statement(sql, params))
    },
  }
}
