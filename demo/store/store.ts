import type { Queries } from './queries.ts'

export type { ContactRow } from './queries.ts'

/**
 * The storage of the reference backend, one interface with two engines: SQLite (sqlite.ts,
 * the embedded default) and PostgreSQL (postgres.ts, with DATABASE_URL). The promises both keep:
 *
 * - `transaction` applies all of its writes or none, and resolves only once they are on disk,
 *   so an answer sent after it never acknowledges a write a crash could lose;
 * - transactions are serialisable: two requests with the same client id cannot both see
 *   "not applied yet", so each write is applied once.
 *
 * The queries called on the store itself run one by one, each on its own.
 */
export interface Store extends Queries {
  readonly engine: 'sqlite' | 'postgres'
  /** Runs `work` in one transaction and gives back what it returned; if it throws, nothing of it is kept. */
  transaction<T>(work: (tx: Queries) => Promise<T>): Promise<T>
  close(): Promise<void>
}
