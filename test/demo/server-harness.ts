import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadBots } from '../../demo/bot/load.ts'
import type { BotDef } from '../../demo/bot/types.ts'
import type { ServerOptions } from '../../demo/http/context.ts'
import { createDemoServer } from '../../demo/http/server.ts'
import { ENGINES, type TestEngine } from './engines.ts'

// biome-ignore lint/suspicious/noExplicitAny: API answers in tests are read by assertions, which check them
type Json = any

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const ADMIN = 'test-admin-token'

/** A real demo server on a loopback port, with a fresh database of `engine` (SQLite by default). */
export async function startServer(options: Partial<ServerOptions> & { bots?: Map<string, BotDef>; engine?: TestEngine } = {}) {
  const { engine = ENGINES[0], ...serverOptions } = options
  const database = await engine.create()
  const { store } = database
  const server = createDemoServer({
    store,
    bots: options.bots ?? loadBots(join(root, 'demo', 'bots')),
    adminToken: ADMIN,
    root,
    ...serverOptions,
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    base,
    store,
    server,
    async close() {
      server.closeAllConnections()
      await new Promise((done) => server.close(done))
      await database.dispose()
    },
  }
}

export const newToken = () => randomBytes(18).toString('base64url')

/** A visitor of one bot: JSON calls with its token. */
export function visitor(base: string, bot = 'demo', token = newToken()) {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}/v1/bots/${bot}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    return {
      status: response.status,
      headers: response.headers,
      body: (text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as Json,
    }
  }
  return {
    token,
    call,
    session: (intent?: unknown, intentId?: string) =>
      call('POST', '/session', intent === undefined ? {} : { intent, intentId: intentId ?? randomBytes(8).toString('hex') }),
    open: () => call('POST', '/conversation/open', {}),
    say: (text: string, id = randomBytes(8).toString('hex')) => call('POST', '/messages', { id, text }),
    choose: (seq: number, index: number, id = randomBytes(8).toString('hex')) => call('POST', '/messages', { id, choice: { seq, index } }),
    updates: (updates: unknown[]) => call('POST', '/updates', { updates }),
    me: () => call('GET', '/me'),
  }
}

export async function admin(base: string, path: string) {
  const response = await fetch(`${base}/v1/admin/bots/demo${path}`, { headers: { Authorization: `Bearer ${ADMIN}` } })
  return { status: response.status, body: (await response.json()) as Json }
}

/**
 * Starts `demo/cli/main.ts` as its own process, as `npm run demo` does, and waits for its start
 * line. It stores in `dataDir` (SQLite) unless `env` names a DATABASE_URL: one set for the
 * test run as a whole is not passed on, so two tests never share a database by accident.
 */
export async function spawnDemo(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; base: string; line: string }> {
  const { DATABASE_URL: _shared, ...inherited } = process.env
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'demo', 'cli', 'main.ts')], {
    env: { ...inherited, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start: ${output}`)), 20_000)
    child.stdout?.on('data', (chunk) => {
      output += chunk
      const found = /^Doorway demo on .*$/m.exec(output)
      if (found) {
        clearTimeout(timer)
        resolve(found[0])
      }
    })
    child.stderr?.on('data', (chunk) => {
      output += chunk
    })
    child.on('exit', (code) => reject(new Error(`demo exited with ${code}: ${output}`)))
  })
  const base = (/(http:\/\/[^/ ]+)\//.exec(line) as RegExpExecArray)[1]
  return { child, base, line }
}

export function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGKILL')
  })
}
