import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SqliteStore } from '../../../demo/store/sqlite.ts'
import { WalSync } from '../../../demo/store/wal-sync.ts'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'doorway-wal-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** An fdatasync that finishes when the test says so. */
function heldSync() {
  const pending: ((error: Error | null) => void)[] = []
  return {
    pending,
    sync: (_fd: number, done: (error: Error | null) => void) => void pending.push(done),
    finish: (error: Error | null = null) => (pending.shift() as (error: Error | null) => void)(error),
  }
}

describe('WalSync', () => {
  it('runs one fdatasync at a time; the commits that return meanwhile share the next one', async () => {
    const file = join(dir, 'db-wal')
    writeFileSync(file, '')
    const held = heldSync()
    const wal = new WalSync(file, held.sync)
    const first = wal.durable()
    const second = wal.durable()
    expect(wal.durable()).toBe(second)
    expect(wal.settled()).toBe(second)
    expect(held.pending).toHaveLength(1)
    held.finish()
    await first
    await Promise.resolve()
    // The second starts only after the first ended: it covers what was written meanwhile.
    await new Promise((resolve) => setImmediate(resolve))
    expect(held.pending).toHaveLength(1)
    held.finish()
    await second
    await wal.settled()
    await wal.close()
  })

  it('fails every later call once one fdatasync failed: the kernel may have dropped what it could not write', async () => {
    const file = join(dir, 'db-wal')
    writeFileSync(file, '')
    const held = heldSync()
    const wal = new WalSync(file, held.sync)
    const first = wal.durable()
    held.finish(new Error('EIO'))
    await expect(first).rejects.toThrow(/fdatasync of the WAL failed\): EIO/)
    await expect(wal.durable()).rejects.toThrow(/EIO/)
    await expect(wal.settled()).rejects.toThrow(/EIO/)
    expect(held.pending).toHaveLength(0)
  })

  it('fails when the WAL cannot be opened', async () => {
    await expect(new WalSync(join(dir, 'missing-wal')).durable()).rejects.toThrow(/cannot make the database durable/)
  })
})

describe('SqliteStore and the disk', () => {
  it('commits without a sync of its own (synchronous = NORMAL), as WalSync syncs before anything resolves', async () => {
    const file = join(dir, 'doorway.sqlite')
    const store = new SqliteStore(file)
    try {
      expect(store.db.pragma('synchronous', { simple: true })).toBe(1)
      expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal')
      const made = await store.transaction((tx) => tx.createContact('demo', 'a-visitor-token-22-chars'))
      const reader = new Database(file, { readonly: true })
      expect(reader.prepare('SELECT id FROM contacts').all()).toEqual([{ id: made.id }])
      reader.close()
    } finally {
      await store.close()
    }
  })
})
