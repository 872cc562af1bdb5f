// Each entry migrates the schema one version up, written once for both engines: SQLite
// records how far a file is in PRAGMA user_version, PostgreSQL in the schema_version table.
// The SQL is the common dialect of both; `forPostgres` rewrites the one construct they spell
// differently, an auto-numbered key.
export const MIGRATIONS: string[] = [
  `CREATE TABLE contacts (
     id TEXT PRIMARY KEY,
     bot TEXT NOT NULL,
     created_at TEXT NOT NULL,
     state TEXT NOT NULL DEFAULT '{}',
     pending_start TEXT,
     started INTEGER NOT NULL DEFAULT 0,
     last_seq INTEGER NOT NULL DEFAULT 0,
     last_intent TEXT
   );
   CREATE TABLE visitors (
     token_hash TEXT NOT NULL,
     bot TEXT NOT NULL,
     contact_id TEXT NOT NULL REFERENCES contacts(id),
     created_at TEXT NOT NULL,
     PRIMARY KEY (bot, token_hash)
   );
   CREATE TABLE attributes (
     contact_id TEXT NOT NULL REFERENCES contacts(id),
     name TEXT NOT NULL,
     value TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     PRIMARY KEY (contact_id, name)
   );
   CREATE INDEX attributes_user_id ON attributes(name, value) WHERE name = 'user_id';
   CREATE TABLE field_values (
     contact_id TEXT NOT NULL REFERENCES contacts(id),
     field_id TEXT NOT NULL,
     value TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     PRIMARY KEY (contact_id, field_id)
   );
   CREATE TABLE variables (
     contact_id TEXT NOT NULL REFERENCES contacts(id),
     name TEXT NOT NULL,
     value TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     PRIMARY KEY (contact_id, name)
   );
   CREATE TABLE messages (
     contact_id TEXT NOT NULL REFERENCES contacts(id),
     seq INTEGER NOT NULL,
     request_id TEXT,
     sender TEXT NOT NULL,
     body TEXT NOT NULL,
     actions TEXT,
     at TEXT NOT NULL,
     PRIMARY KEY (contact_id, seq)
   );
   CREATE INDEX messages_request ON messages(contact_id, request_id);
   CREATE TABLE updates (
     contact_id TEXT NOT NULL REFERENCES contacts(id),
     update_id TEXT NOT NULL,
     result TEXT NOT NULL,
     at TEXT NOT NULL,
     PRIMARY KEY (contact_id, update_id)
   );
   CREATE TABLE intents (
     bot TEXT NOT NULL,
     intent_id TEXT NOT NULL,
     contact_id TEXT NOT NULL REFERENCES contacts(id),
     result TEXT NOT NULL,
     at TEXT NOT NULL,
     PRIMARY KEY (bot, intent_id)
   );
   CREATE TABLE link_opens (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     bot TEXT NOT NULL,
     link TEXT NOT NULL,
     known INTEGER NOT NULL,
     contact_id TEXT NOT NULL REFERENCES contacts(id),
     fields_set INTEGER NOT NULL,
     at TEXT NOT NULL
   );
   CREATE INDEX link_opens_bot ON link_opens(bot, link);`,
  // A signed link's user_id, the only thing that may join a visitor to a contact by id.
  // Attributes named user_id written before this version cannot be told apart from unsigned
  // ones (an unsigned "userId" was folded and stored), so none of them becomes an identity.
  `CREATE TABLE identities (
     bot TEXT NOT NULL,
     user_id TEXT NOT NULL,
     contact_id TEXT NOT NULL REFERENCES contacts(id),
     created_at TEXT NOT NULL,
     PRIMARY KEY (bot, user_id)
   );
   CREATE INDEX identities_contact ON identities(contact_id);`,
  // Token buckets of the rate limits, for processes that share one database (PostgreSQL);
  // a process alone keeps its buckets in memory. `at` is in milliseconds since 1970.
  `CREATE TABLE rate_buckets (
     key TEXT PRIMARY KEY,
     tokens DOUBLE PRECISION NOT NULL,
     at BIGINT NOT NULL,
     allowed INTEGER NOT NULL
   );
   CREATE INDEX rate_buckets_at ON rate_buckets(at);`,
  // Webhook deliveries (docs/webhooks.md), written in the transaction of the write that caused
  // them. `seq` orders a contact's deliveries; `body` is the exact JSON that is signed and sent.
  // Times are in milliseconds since 1970: `since` is when the current series of attempts began
  // (creation, or a retry from the admin API), `next_at` when the next attempt is due, and
  // `lease_until` how long the process that claimed it owns it.
  `CREATE TABLE webhook_deliveries (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     bot TEXT NOT NULL,
     contact_id TEXT NOT NULL,
     type TEXT NOT NULL,
     body TEXT NOT NULL,
     status TEXT NOT NULL DEFAULT 'pending',
     attempts INTEGER NOT NULL DEFAULT 0,
     since BIGINT NOT NULL,
     next_at BIGINT NOT NULL,
     lease_until BIGINT NOT NULL DEFAULT 0,
     last_error TEXT,
     created_at TEXT NOT NULL
   );
   CREATE INDEX webhook_deliveries_pending ON webhook_deliveries(status, contact_id, seq);
   CREATE INDEX webhook_deliveries_bot ON webhook_deliveries(bot, status, seq);`,
  // Per-link results (docs/results.md), counted from these rows, never from counters in a
  // process. `pending_link` is the entry link whose start a contact's next chat opening runs;
  // `conversation_starts` records each such opening. `goals_reached` holds one row per
  // contact and goal, the first time, with the links it is attributed to at that moment
  // (null: the contact came through no link). Times are ISO 8601 in UTC, so a day is their
  // first ten characters.
  `ALTER TABLE contacts ADD COLUMN pending_link TEXT;
   CREATE TABLE conversation_starts (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     bot TEXT NOT NULL,
     link TEXT NOT NULL,
     contact_id TEXT NOT NULL REFERENCES contacts(id),
     at TEXT NOT NULL
   );
   CREATE INDEX conversation_starts_bot ON conversation_starts(bot, at);
   CREATE TABLE goals_reached (
     bot TEXT NOT NULL,
     contact_id TEXT NOT NULL REFERENCES contacts(id),
     goal TEXT NOT NULL,
     first_link TEXT,
     last_link TEXT,
     at TEXT NOT NULL,
     PRIMARY KEY (contact_id, goal)
   );
   CREATE INDEX goals_reached_bot ON goals_reached(bot, at);
   CREATE INDEX link_opens_bot_at ON link_opens(bot, at);
   CREATE INDEX link_opens_contact ON link_opens(contact_id, id);`,
  // Unknown links are counted as `(unreadable)` when their `ref` does not read as a link name
  // (demo/bot/link-name.ts). Rows written before hold the visitor's `ref` as sent, up to 8,192
  // characters, in every results row and CSV line of that link: those over 64 characters (no
  // link name is longer) are counted as `(unreadable)` too.
  `UPDATE link_opens SET link = '(unreadable)' WHERE known = 0 AND length(link) > 64;
   UPDATE conversation_starts SET link = '(unreadable)' WHERE length(link) > 64;
   UPDATE goals_reached SET first_link = '(unreadable)' WHERE length(first_link) > 64;
   UPDATE goals_reached SET last_link = '(unreadable)' WHERE length(last_link) > 64;
   UPDATE contacts SET pending_link = '(unreadable)' WHERE length(pending_link) > 64;`,
]

/** A migration as PostgreSQL writes it. */
export function forPostgres(sql: string): string {
  return sql.replaceAll('INTEGER PRIMARY KEY AUTOINCREMENT', 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY')
}
