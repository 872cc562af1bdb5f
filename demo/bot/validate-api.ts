import type { BotFileReader } from './file-reader.ts'
import type { BotDef, Step } from './types.ts'
import { readEnvSecret } from './validate-webhook.ts'

const ENGINES: BotDef['engine'][] = ['flows', 'external']

/** A bot file's `engine`: `flows` (the default) or `external`. */
export function readEngine(reader: BotFileReader, value: unknown): BotDef['engine'] {
  if (value === undefined) return 'flows'
  if (ENGINES.includes(value as BotDef['engine'])) return value as BotDef['engine']
  reader.report('engine', `must be one of ${ENGINES.join(', ')}`)
  return 'flows'
}

/** A bot file's `api`: `{ "key": "env:NAME" }`, the bot API's key, read from the environment. */
export function readApiKey(reader: BotFileReader, value: unknown, env: NodeJS.ProcessEnv): string | null {
  if (value === undefined) return null
  const api = reader.object(value, 'api')
  if (!api) return null
  reader.known(api, 'api', ['key'])
  return readEnvSecret(reader, api.key, 'api.key', env) || null
}

/**
 * What an external bot needs and must not have: a webhook to hear the visitor, the API to
 * answer, and blocks that are only named places to start at (their steps would never run).
 */
export function checkExternal(
  reader: BotFileReader,
  bot: Pick<BotDef, 'webhook' | 'apiKey'>,
  blocks: Record<string, Step[]>,
  raw: unknown,
) {
  if (raw === undefined) reader.report('webhook', 'an external bot needs a webhook: it hears the visitor through it')
  if (!bot.apiKey && reader.problems.every((p) => !p.path.startsWith('api')))
    reader.report('api', 'an external bot needs "api": { "key": "env:NAME" }: it answers through the bot API')
  for (const [id, steps] of Object.entries(blocks))
    if (steps.length > 0) reader.report(`blocks.${id}`, 'an external bot has no steps: its blocks only name where a link starts')
}
