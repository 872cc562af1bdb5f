import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { MIGRATIONS } from './migrations.ts'
import { Mutex } from './mutex.ts'
import { Queries } from './queries.ts'
import type { SqlRunner } from './sql.ts'
import type { Store, TransactionOptions } from './store.ts'
import { WalSync } from './wal-sync.ts'

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
 * makes all of them durable before any of them resolves. A transaction that throws is rolled
 * back to its savepoint alone. The COMMIT itself does not fsync (`synchronous = NORMAL`):
 * the group resolves once an fdatasync of the WAL, on the thread pool, has put it on disk
 * (wal-sync.ts), and the event loop serves requests meanwhile. A query outside a transaction
 * answers only once what it may have read is on disk too, so nothing a crash could lose is
 * ever shown.
 */
export class SqliteStore extends Queries implements Store {
  readonly engine = 'sqlite'
  readonly feed = null
  readonly db: Database.Database
  private readonly mutex: Mutex
  private readonly inTransaction: Queries
  private readonly wal: WalSync | null
  private readonly control: Record<'begin' | 'savepoint' | 'release' | 'rollbackTo' | 'commit', Database.Statement>
  private waiting: Waiting[] = []
  private groupQueued = false
  /** A group's fdatasync is in flight. */
  private syncing = false

  constructor(file: string) {
    const db = openDatabase(file)
    const mutex = new Mutex()
    const direct = runner(db)
    const wal = file === ':memory:' ? null : new WalSync(`${file}-wal`)
    // A statement that writes commits on its own and waits for its fdatasync; one that only
    // reads waits for the fdatasync of the commits it may have seen.
    const onItsOwn = async <T>(sql: string, query: () => Promise<T>): Promise<T> => {
      const result = await mutex.run(query)
      if (wal) await (direct.readonly(sql) ? wal.settled() : wal.durable())
      return result
    }
    super({
      all: (sql, params) => onItsOwn(sql, () => direct.all(sql, params)),
      get: (sql, params) => onItsOwn(sql, () => direct.get(sql, params)),
      run: (sql, params) => onItsOwn(sql, () => direct.run(sql, params)),
    })
    this.db = db
    this.mutex = mutex
    this.wal = wal
    this.inTransaction = new Queries(direct)
    // IMMEDIATE: the write lock is taken at the start, so another process on the same file
    // waits (busy_timeout) instead of failing halfway through.
    this.control = {
      begin: db.prepare('BEGIN IMMEDIATE'),
      savepoint: db.prepare('SAVEPOINT request'),
      release: db.prepare('RELEASE request'),
      rollbackTo: db.prepare('ROLLBACK TO request'),
      commit: db.prepare('COMMIT'),
    }
  }

  /** Every transaction waits for all the others here, so `serialiseOn` changes nothing. */
  transaction<T>(work: (tx: Queries) => Promise<T>, _options?: TransactionOptions): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, resolve: resolve as (value: unknown) => void, reject })
      this.scheduleGroup()
    })
  }

  // One group at a time, from its BEGIN to the end of its sync: the transactions that queue
  // meanwhile make the next group, so the busier the server, the fewer commits and syncs
  // per transaction. After the I/O of this turn of the event loop: the requests that
  // arrived with this one queue their transactions first, and join its group.
  private scheduleGroup(): void {
    if (this.groupQueued || this.syncing || this.waiting.length === 0) return
    this.groupQueued = true
    setImmediate(() => void this.mutex.run(() => this.commitGroup()))
  }

  private async commitGroup(): Promise<void> {
    const group = this.waiting
    this.waiting = []
    this.groupQueued = false
    const { begin, savepoint, release, rollbackTo, commit } = this.control
    const settled: { item: Waiting; ok: boolean; value: unknown }[] = []
    try {
      begin.run()
      for (const item of group) {
        savepoint.run()
        try {
          settled.push({ item, ok: true, value: await item.work(this.inTransaction) })
          release.run()
        } catch (error) {
          rollbackTo.run()
          release.run()
          settled.push({ item, ok: false, value: error })
        }
      }
      commit.run()
    } catch (error) {
      // BEGIN or COMMIT failed (the disk is full, the file is locked): nothing of the group is kept.
      if (this.db.inTransaction) this.db.exec('ROLLBACK')
      for (const item of group) item.reject(error)
      return
    }
    // The mutex is let go now: the event loop reads requests and serves reads meanwhile.
    const answer = () => {
      for (const { item, ok, value } of settled) ok ? item.resolve(value) : item.reject(value)
    }
    if (!this.wal) return answer()
    this.syncing = true
    this.wal
      .durable()
      .then(answer, (error) => {
        for (const item of group) item.reject(error)
      })
      .finally(() => {
        this.syncing = false
        this.scheduleGroup()
      })
  }

  async close(): Promise<void> {
    await this.mutex.run(async () => {
      await this.wal?.close()
      this.db.close()
    })
  }
}

function openDatabase(file: string): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  migrate(db)
  // NORMAL from here on: a COMMIT no longer waits for the disk, WalSync does, off the event
  // loop, before anything is answered (see SqliteStore). Never NORMAL without it.
  if (file !== ':memory:') db.pragma('synchronous = NORMAL')
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
function runner(db: Database.Database): SqlRunner & { readonly(sql: string): boolean } {
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
    readonly: (sql) => statement(sql).readonly,
    all: async <Row>(sql: string, params: unknown[] = []) => statement(sql).all(...params) as Row[],
    get: async <Row>(sql: string, params: unknown[] = []) => statement(sql).get(...params) as Row | undefined,
    run: async (sql: string, params: unknown[] = []) => {
      statement(sql).run(...params)
    },
  }
}
