import type { Queries } from './queries.ts'

export type { ContactRow } from './queries.ts'

/**
 * The storage of the reference backend, one interface with two engines: SQLite (sqlite.ts,
 * the embedded default) and PostgreSQL (postgres.ts, with DATABASE_URL). The promises both keep:
 *
 * - `transaction` applies all of its writes or none, and resolves only once they are on disk,
 *   so an answer sent after it never acknowledges a write a crash could lose;
 * - transactions are serialisable: two requests with the same client id cannot both see
 *   "not applied yet", so each write is applied once. A transaction whose writes all belong
 *   to one visitor names it (`serialiseOn`), and then waits only for that visitor's others.
 *
 * The queries called on the store itself run one by one, each on its own.
 */
/** How processes sharing one database tell each other that a contact has new messages. */
export interface ContactFeed {
  /**
   * Tells every process on the database, this one too, that `contactId` has new messages, or
   * passes them a signal that is not stored (`CONTACT typing SECONDS N`, demo/http/message-hub.ts).
   */
  announce(contactId: string): Promise<void>
  /**
   * Calls `heard` with each contact announced by any process, or with null after the
   * connection was lost and found again (what was announced meanwhile is unknown). Resolves
   * once listening, to the way to stop.
   */
  listen(heard: (contactId: string | null) => void): Promise<() => Promise<void>>
}

export interface TransactionOptions {
  /**
   * What every client id the transaction checks is scoped to (a visitor, see scoped-id.ts):
   * transactions with the same key run one after another, others may run beside them.
   * Without it, a transaction is serialisable against every other.
   */
  serialiseOn?: string
}

export interface Store extends Queries {
  readonly engine: 'sqlite' | 'postgres'
  /** Null when this process is the only one on its data (SQLite). */
  readonly feed: ContactFeed | null
  /** Runs `work` in one transaction and gives back what it returned; if it throws, nothing of it is kept. */
  transaction<T>(work: (tx: Queries) => Promise<T>, options?: TransactionOptions): Promise<T>
  close(): Promise<void>
}
