import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { describeFigures, runLoad } from './load-scenario.ts'
import { kill, spawnDemo } from './server-harness.ts'

const dataDir = mkdtempSync(join(tmpdir(), 'doorway-load-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

describe('load', () => {
  it('runs 200 concurrent conversations with no error and no lost or duplicated update', async () => {
    // Every request comes from 127.0.0.1, so the per-address limit is raised for this run.
    const demo = await spawnDemo(dataDir, { RATE_LIMIT_ADDRESS: '100000/100000' })
    let figures: Awaited<ReturnType<typeof runLoad>>
    try {
      figures = await runLoad(demo.base, 200)
    } finally {
      await kill(demo.child)
    }
    console.log(describeFigures(figures))
    expect(figures.errors).toEqual([])
    expect(figures.requests).toBe(200 * 6)

    const db = new Database(join(dataDir, 'doorway.sqlite'), { readonly: true })
    try {
      const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n
      expect(count('SELECT COUNT(*) AS n FROM contacts')).toBe(200)
      expect(count('SELECT COUNT(*) AS n FROM updates')).toBe(200 * 5)
      expect(count("SELECT COUNT(*) AS n FROM variables WHERE name = 'color' AND value = 'retried'")).toBe(0)
      expect(count("SELECT COUNT(*) AS n FROM field_values WHERE field_id IN ('514', 'account_id', 'Source', '738')")).toBe(200 * 4)
      expect(count("SELECT COUNT(*) AS n FROM attributes WHERE name IN ('first_name', 'email')")).toBe(200 * 2)
      expect(count("SELECT COUNT(*) AS n FROM link_opens WHERE link = 'giveaway'")).toBe(200)
      // Each visitor message once, though every one was sent twice.
      expect(count("SELECT COUNT(*) AS n FROM messages WHERE sender = 'visitor'")).toBe(200)
      const mismatched = db
        .prepare(
          "SELECT COUNT(*) AS n FROM field_values f JOIN variables v ON v.contact_id = f.contact_id AND v.name = 'city' WHERE f.field_id = '738' AND substr(f.value, 2) <> substr(v.value, 2)",
        )
        .get() as { n: number }
      expect(mismatched.n).toBe(0)
    } finally {
      db.close()
    }
  }, 120_000)
})
