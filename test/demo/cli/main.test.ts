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

  it('refuses to start with a rate limit that is not BURST/PER_SECOND, naming the variable, and starts with one that is', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'doorway-cli-'))
    try {
      for (const [name, text] of [
        ['RATE_LIMIT_BOT_API', '600'],
        ['RATE_LIMIT_VISITOR', '0/20'],
        ['RATE_LIMIT_ADDRESS', '600/0'],
        ['RATE_LIMIT_BOT_API', '1e3/10'],
        ['RATE_LIMIT_VISITOR', ' 60/20'],
      ])
        await expect(spawnDemo(dataDir, { [name]: text })).rejects.toThrow(
          `doorway-demo: cannot start: ${name} holds "${text}", which is not BURST/PER_SECOND like 60/20: a burst of at least 1, a rate over 0`,
        )
      const demo = await spawnDemo(dataDir, { RATE_LIMIT_BOT_API: '1200/400', RATE_LIMIT_VISITOR: '30/0.5' })
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
