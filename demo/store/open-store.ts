import { join } from 'node:path'
import { PostgresStore } from './postgres.ts'
import { SqliteStore } from './sqlite.ts'
import type { Store } from './store.ts'

/** Which engine a setting names: `postgres://…` or `postgresql://…` is PostgreSQL; nothing is SQLite. */
export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//.test(url)
}

/**
 * The store the settings ask for: PostgreSQL at DATABASE_URL, else SQLite in DATA_DIR.
 * `where` says where the data is, for the start line, without a password.
 */
export async function openStore(settings: { databaseUrl?: string; dataDir: string }): Promise<{ store: Store; where: string }> {
  if (isPostgresUrl(settings.databaseUrl)) {
    const url = new URL(settings.databaseUrl)
    return { store: await PostgresStore.open(settings.databaseUrl), where: `PostgreSQL ${url.host}${url.pathname}` }
  }
  if (settings.databaseUrl) throw new Error('DATABASE_URL must start with postgres:// or postgresql://')
  const file = join(settings.dataDir, 'doorway.sqlite')
  return { store: new SqliteStore(file), where: file }
}
