import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BotProblem } from './file-reader.ts'
import type { BotDef } from './types.ts'
import { BotFileError, readBot } from './validate.ts'

/** Bot files that do not load: every problem of every file, one line each. */
export class BotFolderError extends Error {
  constructor(readonly files: BotFileError[]) {
    super(files.map((file) => file.message).join('\n'))
    this.name = 'BotFolderError'
  }
}

/**
 * Reads and validates every `*.json` bot file of a folder, or of several; throws BotFolderError
 * naming every problem of every file (a bot id used twice, in one folder or two, is one).
 */
export function loadBots(dirs: string | string[], env: NodeJS.ProcessEnv = process.env): Map<string, BotDef> {
  const bots = new Map<string, BotDef>()
  const failed: BotFileError[] = []
  const files = (typeof dirs === 'string' ? [dirs] : dirs).flatMap((dir) => {
    const names = readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort()
    if (names.length === 0) failed.push(new BotFileError(dir, [{ path: '', problem: 'no bot files (*.json) in this folder' }]))
    return names.map((name) => join(dir, name))
  })
  const keys = new Map<string, string>()
  for (const file of files) {
    const { bot, problems } = readFile(file, env)
    if (bot && bots.has(bot.id)) problems.push({ path: 'id', problem: `bot id "${bot.id}" is used by another file too` })
    if (bot) problems.push(...sharedKeyProblems(bot, keys))
    if (bot && problems.length === 0) bots.set(bot.id, bot)
    else failed.push(new BotFileError(file, problems))
  }
  if (failed.length > 0) throw new BotFolderError(failed)
  return bots
}

/**
 * A bot API key is the bot's alone: one that another bot has too would let either bot's program
 * post into the other's conversations, and one that is also a signing secret would let the
 * bot's program sign links and webhooks. `keys` collects the keys seen, by bot.
 */
function sharedKeyProblems(bot: BotDef, keys: Map<string, string>): BotProblem[] {
  if (!bot.apiKey) return []
  const problems: BotProblem[] = []
  const other = keys.get(bot.apiKey)
  if (other) problems.push({ path: 'api.key', problem: `bot "${other}" has the same API key: give each bot a key of its own` })
  if (bot.apiKey === bot.webhook?.secret || bot.apiKey === bot.secret)
    problems.push({ path: 'api.key', problem: 'the API key is also a signing secret of this bot: use another value' })
  keys.set(bot.apiKey, bot.id)
  return problems
}

function readFile(file: string, env: NodeJS.ProcessEnv): { bot: BotDef | null; problems: BotProblem[] } {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    return { bot: null, problems: [{ path: '', problem: `not valid JSON: ${(error as Error).message}` }] }
  }
  return readBot(raw, env)
}
