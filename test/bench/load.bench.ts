// `npm run bench:load`: the 200-conversation load test's figures, for docs/benchmarks.md.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describeFigures, runLoad } from '../demo/load-scenario.ts'
import { kill, spawnDemo } from '../demo/server-harness.ts'

const dataDir = mkdtempSync(join(tmpdir(), 'doorway-load-'))
const demo = await spawnDemo(dataDir, { RATE_LIMIT_ADDRESS: '100000/100000' })
try {
  const figures = await runLoad(demo.base, Number(process.env.CONVERSATIONS ?? 200))
  console.log(`Node ${process.version}\n${describeFigures(figures)}`)
  if (figures.errors.length > 0) console.log(`errors: ${figures.errors.slice(0, 5).join('\n')}`)
} finally {
  await kill(demo.child)
  rmSync(dataDir, { recursive: true, force: true })
}
