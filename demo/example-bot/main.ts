// `npm run example-bot`: the example bot on 127.0.0.1:5180 (README, "Bring your own bot").
import { createServer } from 'node:http'
import { createGreeter } from './greeter.ts'

const env = process.env
const missing = ['GREETER_WEBHOOK_SECRET', 'GREETER_API_KEY'].filter((name) => !env[name])
if (missing.length > 0) {
  console.error(`greeter: set ${missing.join(' and ')}, the same as for npm run demo`)
  process.exit(1)
}
const api = env.DOORWAY_API || 'http://127.0.0.1:5173'
const port = Number(env.PORT || 5180)
// How long it shows it is typing before it answers, in ms.
const thinkMs = Number(env.GREETER_THINK_MS || 600)
if (!Number.isInteger(thinkMs) || thinkMs < 0 || thinkMs > 30_000) {
  console.error(`greeter: GREETER_THINK_MS holds "${env.GREETER_THINK_MS}", which is not a whole number of ms from 0 to 30000`)
  process.exit(1)
}
const handler = createGreeter({
  api,
  bot: 'greeter',
  apiKey: env.GREETER_API_KEY as string,
  webhookSecret: env.GREETER_WEBHOOK_SECRET as string,
  thinkMs,
})
createServer(handler).listen(port, '127.0.0.1', () =>
  console.log(`Greeter bot on http://127.0.0.1:${port}/webhook, answering through ${api}`),
)
