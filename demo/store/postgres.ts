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

  private constructor(
    private readonly pool: pg.Pool,
    url: string,
  ) {
    super(runner(pool))
    this.feed = {
      announce: async (contactId) => {
        await pool.query('SELECT pg_notify($1, $2)', [CHANNEL, contactId])
      },
      listen: (heard) => listen(url, heard),
    }
  }

  /** Connects, and migrates the database to this server's schema version. */
  static async open(url: string, { max = 10 }: { max?: number } = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max })
    // An idle connection the server dropped is an error on the pool; the next query reconnects.
    pool.on('error', (error) => console.error('doorway-demo: PostgreSQL connection lost:', error.message))
    try {
      await migrate(pool)
    } catch (error) {
      await pool.end()
      throw error
    }
    return new PostgresStore(pool, url)
  }

  async transaction<T>(work: (tx: Queries) => Promise<T>, { serialiseOn }: TransactionOptions = {}): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect()
      try {
        if (serialiseOn === undefined) await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE')
        else {
          // One visitor's transactions queue on a lock of its own, across every process:
          // SERIALIZABLE would also abort transactions of other visitors that only touched
          // the same index pages, and did so for more than half of them under load.
          await client.query('BEGIN')
          await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [serialiseOn])
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

  close(): Promise<void> {
    return this.pool.end()
  }
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

/** `?` placeholders as PostgreSQL numbers them: `$1`, `$2`... */
function numbered(sql: string): string {
  let n = 0
  return sql.replace(/\?/g, () => `$${++n}`)
}

function runner(db: pg.Pool | pg.PoolClient): SqlRunner {
  return {
    all: async <Row>(sql: string, params: unknown[] = []) => (await db.query(numbered(sql), params)).rows as Row[],
    get: async <Row>(sql: string, params: unknown[] = []) => (await db.query(numbered(sql), params)).rows[0] as Row | undefined,
    run: async (sql: string, params: unknown[] = []) => {
      await db.query(numbered(sql), params)
    },
  }
}
