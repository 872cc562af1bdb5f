// `npm run sign -- [--bot demo] [--ttl 3600] URL`: adds exp and sig to a link (docs/protocol.md).
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { loadBots } from '../bot/load.ts'
import { signLink } from '../bot/signing.ts'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { bot: { type: 'string', default: 'demo' }, ttl: { type: 'string', default: '3600' }, secret: { type: 'string' } },
})
const usage = 'usage: npm run sign -- [--bot ID] [--ttl SECONDS] [--secret SECRET] URL'
if (positionals.length !== 1) {
  console.error(usage)
  process.exit(2)
}
const ttl = Number(values.ttl)
if (!Number.isInteger(ttl) || ttl <= 0) {
  console.error(`doorway-sign: --ttl must be a positive number of seconds\n${usage}`)
  process.exit(2)
}
let secret = values.secret
if (!secret) {
  const bot = loadBots(resolve(process.env.BOTS_DIR || join(root, 'demo', 'bots'))).get(values.bot as string)
  if (!bot) {
    console.error(`doorway-sign: no bot "${values.bot}"`)
    process.exit(2)
  }
  if (!bot.secret) {
    console.error(`doorway-sign: bot "${bot.id}" has no signing secret (set its "secret", or the variable it names)`)
    process.exit(2)
  }
  secret = bot.secret
}
try {
  console.log(signLink(positionals[0], secret, ttl))
} catch (error) {
  console.error(`doorway-sign: ${(error as Error).message}`)
  process.exit(2)
}
