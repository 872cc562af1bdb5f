import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { MIGRATIONS } from './migrations.ts'
import { Mutex } from './mutex.ts'
import { Queries } from './queries.ts'
import type { SqlRunner } from './sql.ts'
import type { Store, TransactionOptions } from './store.ts'

interface Waiting {
  work: (tx: Queries) => Promise<unknown>
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

/**
 * SQLite storage: WAL mode, every transaction on disk before it resolves. One connection, so
 * one writer at a time: a per-process mutex queues the work (better-sqlite3's own transactions
 * cannot span an await), and the queries outside a transaction wait their turn too, so none
 * of them reads what an unfinished transaction wrote.
 *
 * Group commit: the transactions that queued while the previous group was written run
 * together, one after another, each in a savepoint of one SQLite transaction, and one COMMIT
 * (one fsync) makes all of them durable before any of them resolves. A transaction that
 * throws is rolled back to its savepoint alone. Under load this turns one fsync per request
 * into one per group, without an answer ever going out before its write is on disk.
 */
export class SqliteStore extends Queries implements Store {
  readonly engine = 'sqlite'
  readonly feed = null
  readonly db: Database.Database
  private readonly mutex: Mutex
  private readonly inTransaction: Queries
  private waiting: Waiting[] = []
  private groupQueued = false

  constructor(file: string) {
    const db = openDatabase(file)
    const mutex = new Mutex()
    const direct = runner(db)
    super({
      all: (sql, params) => mutex.run(() => direct.all(sql, params)),
      get: (sql, params) => mutex.run(() => direct.get(sql, params)),
      run: (sql, params) => mutex.run(() => direct.run(sql, params)),
    })
    this.db = db
    this.mutex = mutex
    this.inTransaction = new Queries(direct)
  }

  /** Every transaction waits for all the others here, so `serialiseOn` changes nothing. */
  transaction<T>(work: (tx: Queries) => Promise<T>, _options?: TransactionOptions): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, resolve: resolve as (value: unknown) => void, reject })
      if (this.groupQueued) return
      this.groupQueued = true
      // After the I/O of this turn of the event loop: the requests that arrived with this one
      // queue their transactions first, and join its group.
      setImmediate(() => void this.mutex.run(() => this.commitGroup()))
    })
  }

  private async commitGroup(): Promise<void> {
    const group = this.waiting
    this.waiting = []
    this.groupQueued = false
    const done: { item: Waiting; value: unknown }[] = []
    const failed: { item: Waiting; error: unknown }[] = []
    try {
      // IMMEDIATE: the write lock is taken at the start, so another process on the same file
      // waits (busy_timeout) instead of failing halfway through.
      this.db.exec('BEGIN IMMEDIATE')
      for (const item of group) {
        this.db.exec('SAVEPOINT request')
        try {
          done.push({ item, value: await item.work(this.inTransaction) })
          this.db.exec('RELEASE request')
        } catch (error) {
          this.db.exec('ROLLBACK TO request')
          this.db.exec('RELEASE request')
          failed.push({ item, error })
        }
      }
      this.db.exec('COMMIT')
    } catch (error) {
      // BEGIN or COMMIT failed (the disk is full, the file is locked): nothing of the group is kept.
      if (this.db.inTransaction) this.db.exec('ROLLBACK')
      for (const { item } of done) item.reject(error)
      for (const { item } of failed) item.reject(error)
      for (const item of group.slice(done.length + failed.length)) item.reject(error)
      return
    }
    for (const { item, value } of done) item.resolve(value)
    for (const { item, error } of failed) item.reject(error)
  }

  async close(): Promise<void> {
    await this.mutex.run(async () => this.db.close())
  }
}

function openDatabase(file: string): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  // FULL: a transaction is on disk before the answer that acknowledges it is sent.
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  migrate(db)
  return db
}

// PRAGMA user_version records how far a file is migrated.
function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number
  if (version > MIGRATIONS.length) {
    throw new Error(`the database is schema version ${version}, newer than this server's ${MIGRATIONS.length}`)
  }
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v])
      db.pragma(`user_version = ${v + 1}`)
    })()
  }
}

/** Statements straight on the connection, each prepared once. */
function runner(db: Database.Database): SqlRunner {
  const prepared = new Map<string, Database.Statement>()
  const statement = (sql: string) => {
    let found = prepared.get(sql)
    if (!found) {
      found = db.prepare(sql)
      prepared.set(sql, found)
    }
    return found
  }
  return {
    all: async <Row>(sql: string, params: unknown[] = []) => statement(sql).all(...params) as Row[],
    get: async <Row>(sql: string, params: unknown[] = []) => statement(sql).get(...params) as Row | undefined,
    run: async (sql: string, params: unknown[] = []) => {
      statement(sql).run(...params)
    },
  }
}
