// `npm run demo`: the reference bot backend with the QA page, on 127.0.0.1:5173 by default.
import { randomBytes } from 'node:crypto'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BotFolderError, loadBots } from '../bot/load.ts'
import { ADMIN_TOKEN_SHAPE } from '../http/admin-token.ts'
import { parseRate } from '../http/rate-limit.ts'
import { createDemoServer } from '../http/server.ts'
import { openStore } from '../store/open-store.ts'
import { senderSettingsFrom } from '../webhooks/sender-env.ts'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const env = process.env
const host = env.HOST || '127.0.0.1'
const port = Number(env.PORT || 5173)
const dataDir = resolve(env.DATA_DIR || join(root, '.data'))
// One folder of bot files, or several separated by commas (the example bot's beside the demo's).
const botsDirs = (env.BOTS_DIR || join(root, 'demo', 'bots')).split(',').map((dir) => resolve(dir.trim()))
// Pages of these origins may embed every bot, beside each bot file's allowedOrigins.
const allowedOrigins = (env.ALLOWED_ORIGINS ?? '')
  .split(',')
  .map((origin) => origin.trim().replace(/\/+$/, ''))
  .filter((origin) => origin !== '')
for (const origin of allowedOrigins) {
  if (origin === '*' || /^https?:\/\/[^/\s]+$/.test(origin)) continue
  console.error(`doorway-demo: cannot start: ALLOWED_ORIGINS holds "${origin}", which is not an origin like https://shop.example`)
  process.exit(1)
}

let rates: Record<'visitorRate' | 'addressRate' | 'botApiRate', [number, number]>
try {
  rates = {
    visitorRate: parseRate('RATE_LIMIT_VISITOR', env.RATE_LIMIT_VISITOR, [60, 20]),
    addressRate: parseRate('RATE_LIMIT_ADDRESS', env.RATE_LIMIT_ADDRESS, [600, 200]),
    botApiRate: parseRate('RATE_LIMIT_BOT_API', env.RATE_LIMIT_BOT_API, [600, 200]),
  }
} catch (error) {
  console.error(`doorway-demo: cannot start: ${(error as Error).message}`)
  process.exit(1)
}

const sender = senderSettingsFrom(env)
if ('problem' in sender) {
  console.error(`doorway-demo: cannot start: ${sender.problem}`)
  process.exit(1)
}

let bots: ReturnType<typeof loadBots>
try {
  bots = loadBots(botsDirs)
} catch (error) {
  console.error(`doorway-demo: cannot start: ${error instanceof BotFolderError ? error.message : (error as Error).message}`)
  process.exit(1)
}
if (env.ADMIN_TOKEN && !ADMIN_TOKEN_SHAPE.test(env.ADMIN_TOKEN)) {
  console.error(
    `doorway-demo: cannot start: ADMIN_TOKEN must be 16 to 512 printable ASCII characters, without spaces; it has ${env.ADMIN_TOKEN.length}. Leave it unset for a fresh one`,
  )
  process.exit(1)
}
const adminToken = env.ADMIN_TOKEN || randomBytes(18).toString('base64url')
const sharing = [...bots.values()].find((bot) => bot.apiKey === adminToken)
if (sharing) {
  console.error(`doorway-demo: cannot start: bot "${sharing.id}" has ADMIN_TOKEN as its API key: give it a key of its own`)
  process.exit(1)
}
let opened: Awaited<ReturnType<typeof openStore>>
try {
  opened = await openStore({ databaseUrl: env.DATABASE_URL || undefined, dataDir })
} catch (error) {
  console.error(`doorway-demo: cannot open the database: ${(error as Error).message}`)
  process.exit(1)
}
const { store, where } = opened
const server = createDemoServer({
  store,
  bots,
  adminToken,
  root,
  ...rates,
  allowedOrigins,
  webhookSettings: sender.settings,
})

server.on('error', (error) => {
  console.error(`doorway-demo: cannot listen on ${host}:${port}: ${error.message}`)
  process.exit(1)
})
server.listen(port, host, () => {
  const address = server.address()
  const actual = typeof address === 'object' && address ? address.port : port
  const shown = env.ADMIN_TOKEN ? 'from ADMIN_TOKEN' : adminToken
  console.log(`Doorway demo on http://${host}:${actual}/ (bots: ${[...bots.keys()].join(', ')}; data: ${where}; admin token: ${shown})`)
})

function stop(): void {
  server.close(() => {
    // The webhook sender gives its deliveries in flight back before the store closes.
    Promise.resolve(server.context.webhookSender?.stop())
      .then(() => store.close())
      .finally(() => process.exit(0))
  })
  // Event streams hold connections open; close them so close() can finish.
  server.closeAllConnections()
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
