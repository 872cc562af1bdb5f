import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ADMIN_TOKEN_SHAPE } from '../../../demo/http/admin-token.ts'
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
      // Every shape is in test/demo/http/rate-limit.test.ts; here, that the start is refused.
      await expect(spawnDemo(dataDir, { RATE_LIMIT_BOT_API: '600' })).rejects.toThrow(
        'doorway-demo: cannot start: RATE_LIMIT_BOT_API holds "600", which is not BURST/PER_SECOND like 60/20: a burst of at least 1, a rate over 0',
      )
      const demo = await spawnDemo(dataDir, { RATE_LIMIT_BOT_API: '1200/400', RATE_LIMIT_VISITOR: '30/0.5' })
      await kill(demo.child)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it('refuses to start with an ADMIN_TOKEN too short to hold, or that an HTTP client cannot send as written', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'doorway-cli-'))
    try {
      await expect(spawnDemo(dataDir, { ADMIN_TOKEN: 'pässwort-pässwort-1' })).rejects.toThrow(
        'doorway-demo: cannot start: ADMIN_TOKEN must be 16 to 512 printable ASCII characters, without spaces; it has 19',
      )
      for (const token of ['choose-one', 'with a space inside it', 'x'.repeat(513), 'tab\tinside-the-token'])
        expect(ADMIN_TOKEN_SHAPE.test(token)).toBe(false)
      for (const token of ['test-admin-token', 'x'.repeat(512), 'Zr7+/=~!abcdefgh']) expect(ADMIN_TOKEN_SHAPE.test(token)).toBe(true)
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
