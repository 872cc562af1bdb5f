import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { kill, spawnDemo } from '../server-harness.ts'

// demo/cli/main.ts, `npm run demo`: settings from the environment, checked before it listens.
describe('npm run demo', () => {
  it('refuses to start with an ALLOWED_ORIGINS entry that is not an origin, naming it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'doorway-cli-'))
    try {
      await expect(spawnDemo(dataDir, { ALLOWED_ORIGINS: 'https://shop.example, shop.example/path' })).rejects.toThrow(
        'doorway-demo: cannot start: ALLOWED_ORIGINS holds "shop.example/path", which is not an origin like https://shop.example',
      )
      // A good list starts it.
      const demo = await spawnDemo(dataDir, { ALLOWED_ORIGINS: 'https://shop.example, http://127.0.0.1:8080/' })
      await kill(demo.child)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it('refuses to start with a webhook timing that is not a number of milliseconds, naming the variable', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'doorway-cli-'))
    try {
      await expect(spawnDemo(dataDir, { WEBHOOK_TIMEOUT_MS: '10s' })).rejects.toThrow(
        'doorway-demo: cannot start: WEBHOOK_TIMEOUT_MS holds "10s", which is not a whole number of milliseconds from 1 to 2147483647',
      )
      await expect(spawnDemo(dataDir, { WEBHOOK_RETRY_BASE_MS: '5000', WEBHOOK_RETRY_MAX_MS: '100' })).rejects.toThrow(
        'WEBHOOK_RETRY_BASE_MS (5000) is over WEBHOOK_RETRY_MAX_MS (100)',
      )
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
