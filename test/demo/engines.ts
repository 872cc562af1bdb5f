import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { PostgresStore } from '../../demo/store/postgres.ts'
import { SqliteStore } from '../../demo/store/sqlite.ts'
import type { Store } from '../../demo/store/store.ts'

/**
 * The PostgreSQL the tests may use: TEST_DATABASE_URL (.ci/run starts a throwaway cluster and
 * sets it), else DATABASE_URL. Without either, the tests run on SQLite only.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined

/** A store of one engine, empty, for one test or one file, and the way to throw it away. */
export interface TestDatabase {
  store: Store
  /** What `demo/cli/main.ts` needs to open the same data: DATA_DIR, or DATABASE_URL. */
  env: Record<string, string>
  dispose(): Promise<void>
}

export interface TestEngine {
  name: 'sqlite' | 'postgres'
  /** A fresh, empty database with a store open on it. */
  create(): Promise<TestDatabase>
}

const sqlite: TestEngine = {
  name: 'sqlite',
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'doorway-test-'))
    const store = new SqliteStore(join(dir, 'doorway.sqlite'))
    return {
      store,
      env: { DATA_DIR: dir },
      async dispose() {
        await store.close()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  },
}

/** A PostgreSQL URL whose connections use `schema`: every test file gets a schema of its own. */
export function withSchema(url: string, schema: string): string {
  const parsed = new URL(url)
  parsed.searchParams.set('options', `-c search_path=${schema}`)
  return parsed.href
}

const postgres = (url: string): TestEngine => ({
  name: 'postgres',
  async create() {
    const schema = `test_${randomBytes(6).toString('hex')}`
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`CREATE SCHEMA ${schema}`)
    const schemaUrl = withSchema(url, schema)
    const store = await PostgresStore.open(schemaUrl, { max: 4 })
    return {
      store,
      env: { DATABASE_URL: schemaUrl },
      async dispose() {
        await store.close()
        await admin.query(`DROP SCHEMA ${schema} CASCADE`)
        await admin.end()
      },
    }
  },
})

/** SQLite always; PostgreSQL too when one is available. */
export const ENGINES: TestEngine[] = TEST_DATABASE_URL ? [sqlite, postgres(TEST_DATABASE_URL)] : [sqlite]
export const POSTGRES: TestEngine | null = TEST_DATABASE_URL ? postgres(TEST_DATABASE_URL) : null
