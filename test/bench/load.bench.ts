// `npm run bench:load`: the 200-conversation load test's figures, for docs/benchmarks.md.
// SQLite always; with TEST_DATABASE_URL (or DATABASE_URL) also PostgreSQL, in one process
// and in two processes on one database, each request of a conversation going to the next.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { POSTGRES, TEST_DATABASE_URL } from '../demo/engines.ts'
import { describeFigures, runLoad } from '../demo/load-scenario.ts'
import { kill, spawnDemo } from '../demo/server-harness.ts'

const conversations = Number(process.env.CONVERSATIONS ?? 200)
// Every request comes from 127.0.0.1, so the per-address limit is raised for the run.
const RATE = { RATE_LIMIT_ADDRESS: '100000/100000' }

/**
 * One round first, not counted, so that both the load and the floor (which comes after it)
 * meet a server whose code is compiled and whose statements are prepared; then the round
 * that is reported.
 */
async function measure(label: string, servers: string[]): Promise<void> {
  const warm = await runLoad(servers, conversations)
  const figures = await runLoad(servers, conversations)
  console.log(`\n${label}`)
  console.log(`warm-up round, not counted: ${Math.round(warm.requestsPerSecond)} requests/s, p99 ${warm.p99.toFixed(1)} ms`)
  console.log(describeFigures(figures))
  const errors = [...warm.errors, ...figures.errors]
  if (errors.length > 0) console.log(`errors: ${errors.slice(0, 5).join('\n')}`)
}

console.log(`Node ${process.version}`)
const dataDir = mkdtempSync(join(tmpdir(), 'doorway-load-'))
const sqlite = await spawnDemo(dataDir, RATE)
try {
  await measure('SQLite, one process', [sqlite.base])
} finally {
  await kill(sqlite.child)
  rmSync(dataDir, { recursive: true, force: true })
}

if (POSTGRES && TEST_DATABASE_URL) {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
  await client.connect()
  const { rows } = await client.query<{ server_version: string }>('SHOW server_version')
  await client.end()
  for (const count of [1, 2]) {
    const database = await POSTGRES.create()
    const processes = await Promise.all(Array.from({ length: count }, () => spawnDemo('', { ...database.env, ...RATE })))
    try {
      const label = `PostgreSQL ${rows[0].server_version}, ${count === 1 ? 'one process' : `${count} processes, requests alternating`}`
      await measure(
        label,
        processes.map((p) => p.base),
      )
    } finally {
      await Promise.all(processes.map((p) => kill(p.child)))
      await database.dispose()
    }
  }
}
