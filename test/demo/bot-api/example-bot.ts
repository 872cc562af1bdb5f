import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '../../e2e/harness.ts'
import { ADMIN, kill, root, spawnDemo } from '../server-harness.ts'

export const SECRETS = { GREETER_WEBHOOK_SECRET: 'example-webhook-secret-0123456789', GREETER_API_KEY: 'example-api-key-0123456789abcdef' }

/**
 * The README's "Bring your own bot", as two real programs: `npm run demo` with the example's
 * bot file beside the demo's (its webhook pointed at a free port), and `npm run example-bot` there.
 */
export async function startWithExampleBot(thinkMs = 600) {
  const port = await freePort()
  const botsDir = mkdtempSync(join(tmpdir(), 'doorway-greeter-'))
  const raw = JSON.parse(readFileSync(join(root, 'demo', 'example-bot', 'greeter.json'), 'utf8'))
  raw.webhook.url = `http://127.0.0.1:${port}/webhook`
  writeFileSync(join(botsDir, 'greeter.json'), JSON.stringify(raw))
  const dataDir = mkdtempSync(join(tmpdir(), 'doorway-greeter-data-'))
  const demo = await spawnDemo(dataDir, { ...SECRETS, BOTS_DIR: `${join(root, 'demo', 'bots')},${botsDir}` })
  const bot = spawn(process.execPath, ['--import', 'tsx', join(root, 'demo', 'example-bot', 'main.ts')], {
    env: { ...process.env, ...SECRETS, PORT: String(port), DOORWAY_API: demo.base, GREETER_THINK_MS: String(thinkMs) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the example bot did not start: ${output}`)), 20_000)
    bot.stdout?.on('data', (chunk) => {
      output += chunk
      if (output.includes('Greeter bot on')) {
        clearTimeout(timer)
        resolve()
      }
    })
    bot.stderr?.on('data', (chunk) => {
      output += chunk
    })
    bot.on('exit', (code) => reject(new Error(`the example bot exited with ${code}: ${output}`)))
  })
  return {
    base: demo.base,
    botUrl: `http://127.0.0.1:${port}/webhook`,
    output: () => output,
    /** An admin API read of the greeter bot. */
    async admin(path: string) {
      const response = await fetch(`${demo.base}/v1/admin/bots/greeter${path}`, { headers: { Authorization: `Bearer ${ADMIN}` } })
      // biome-ignore lint/suspicious/noExplicitAny: read by assertions
      return (await response.json()) as any
    },
    /** The greeter's deliveries as the admin API lists them. */
    async deliveries(status: string) {
      const response = await fetch(`${demo.base}/v1/admin/bots/greeter/webhooks/deliveries?status=${status}`, {
        headers: { Authorization: `Bearer ${ADMIN}` },
      })
      return ((await response.json()) as { deliveries: unknown[] }).deliveries
    },
    async close() {
      await kill(bot as ChildProcess)
      await kill(demo.child)
      rmSync(botsDir, { recursive: true, force: true })
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
