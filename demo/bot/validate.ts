import { RESERVED_NAMES } from '../../widget/entry/index.ts'
import { type BotTheme, isThemeRadius, TEASER, THEME_ACCENT, THEME_FONT, THEME_MAX_RADIUS } from '../../widget/transport/protocol.ts'
import { BotFileReader, type BotProblem } from './file-reader.ts'
import { type BotDef, type EntryLinkDef, EXTERNAL_IDENTIFIER, type FieldDef, type FieldType, type Step, type VariableDef } from './types.ts'
import { checkExternal, readApiKey, readEngine } from './validate-api.ts'
import { readBlockRef, readStep, type StepScope } from './validate-step.ts'
import { MIN_SECRET, readWebhook } from './validate-webhook.ts'
import { isSystemAttributeName } from './values.ts'

// The bot file format: docs/protocol.md, "Bot files".

const TOP_KEYS = [
  '$schema',
  'id',
  'name',
  'tagline',
  'avatar',
  'theme',
  'teaser',
  'secret',
  'webhook',
  'engine',
  'api',
  'allowedOrigins',
  'fields',
  'variables',
  'links',
  'defaultBlock',
  'fallbackBlock',
  'goals',
  'blocks',
]
const FIELD_TYPES: FieldType[] = ['text', 'number', 'email', 'phone', 'date']
const ID = /^[A-Za-z0-9_-]{1,64}$/
const ORIGIN = /^(\*|https?:\/\/[^/]+)$/
// An http(s) address or a path on the backend, without spaces or quotes, at most 2048 characters.
const AVATAR = /^(https?:\/\/|\/)[^\s"'<>\\]{1,2040}$/

/** A bot file that does not validate: names the file and every problem in it, one line each. */
export class BotFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: BotProblem[],
  ) {
    super(problems.map(({ path, problem }) => `${file}: ${path || '(top level)'}: ${problem}`).join('\n'))
    this.name = 'BotFileError'
  }
}

/** Reads one parsed bot file: the bot, or null and every problem found in it. */
export function readBot(raw: unknown, env: NodeJS.ProcessEnv = process.env): { bot: BotDef | null; problems: BotProblem[] } {
  const reader = new BotFileReader()
  const top = reader.object(raw, '')
  if (!top) return { bot: null, problems: reader.problems }
  reader.known(top, '', TOP_KEYS)
  const id = reader.string(top.id, 'id', ID)
  const name = reader.string(top.name, 'name')
  const engine = readEngine(reader, top.engine)
  const fields = readFields(reader, top.fields)
  const variables = readVariables(reader, top.variables)
  const blocksRaw = reader.object(top.blocks, 'blocks')
  const scope: StepScope = { reader, fields, variables, blockIds: Object.keys(blocksRaw ?? {}) }
  if (blocksRaw && scope.blockIds.length === 0) reader.report('blocks', 'a bot needs at least one block')
  const blocks = readBlocks(scope, blocksRaw ?? {}, engine)
  const links = readLinks(scope, top.links)
  const secret = readSecret(reader, top.secret, env)
  const webhook = top.webhook === undefined ? null : readWebhook(reader, top.webhook, env)
  const apiKey = readApiKey(reader, top.api, env)
  if (engine === 'external') checkExternal(reader, { webhook, apiKey }, blocks, top.webhook)
  const allowedOrigins = reader
    .array(top.allowedOrigins ?? [], 'allowedOrigins')
    .map((o, i) => reader.string(o, `allowedOrigins[${i}]`, ORIGIN))
  const defaultBlock = readBlockRef(scope, top.defaultBlock, 'defaultBlock')
  const fallbackBlock = top.fallbackBlock === undefined ? null : readBlockRef(scope, top.fallbackBlock, 'fallbackBlock')
  const goals = readGoals(scope, top.goals)
  const avatar = top.avatar === undefined ? undefined : reader.string(top.avatar, 'avatar', AVATAR)
  const theme = top.theme === undefined ? undefined : readTheme(reader, top.theme)
  const teaser = readTeaser(reader, top.teaser, 'teaser')
  if (reader.problems.length > 0) return { bot: null, problems: reader.problems }
  const tagline = typeof top.tagline === 'string' ? top.tagline : ''
  return {
    bot: {
      id,
      name,
      tagline,
      ...(avatar && { avatar }),
      ...(theme && { theme }),
      ...(teaser && { teaser }),
      secret,
      webhook,
      engine,
      apiKey,
      allowedOrigins,
      fields,
      variables,
      links,
      defaultBlock,
      goals,
      fallbackBlock,
      blocks,
    },
    problems: [],
  }
}

/** The bot's look (docs/protocol.md, "Bot files"): by the patterns the widget checks it with again. */
function readTheme(reader: BotFileReader, value: unknown): BotTheme | undefined {
  const theme = reader.object(value, 'theme')
  if (!theme) return undefined
  reader.known(theme, 'theme', ['accent', 'radius', 'font'])
  if (theme.radius !== undefined && !isThemeRadius(theme.radius))
    reader.report('theme.radius', `must be a whole number of px from 0 to ${THEME_MAX_RADIUS}`)
  return {
    ...(theme.accent !== undefined && { accent: reader.string(theme.accent, 'theme.accent', THEME_ACCENT) }),
    ...(theme.radius !== undefined && { radius: theme.radius as number }),
    ...(theme.font !== undefined && { font: reader.string(theme.font, 'theme.font', THEME_FONT) }),
  }
}

/** A greeting beside the launcher, the bot's or a link's: optional, 1 to 140 characters, something visible. */
function readTeaser(reader: BotFileReader, value: unknown, path: string): string | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'string' && TEASER.test(value)) return value
  reader.report(path, 'must be a string of 1 to 140 characters with something visible in it')
  return undefined
}

/** Validates one parsed bot file; throws a BotFileError listing every problem. */
export function validateBot(raw: unknown, file: string, env: NodeJS.ProcessEnv = process.env): BotDef {
  const { bot, problems } = readBot(raw, env)
  if (!bot) throw new BotFileError(file, problems)
  return bot
}

function readFieldType(reader: BotFileReader, value: unknown, path: string): FieldType {
  if (FIELD_TYPES.includes(value as FieldType)) return value as FieldType
  reader.report(path, `type must be one of ${FIELD_TYPES.join(', ')}`)
  return 'text'
}

/** Custom fields, after the built-in payload field; no id or name twice, no system attribute name. */
function readFields(reader: BotFileReader, value: unknown): FieldDef[] {
  const fields: FieldDef[] = [EXTERNAL_IDENTIFIER]
  reader.array(value ?? [], 'fields').forEach((item, i) => {
    const path = `fields[${i}]`
    const field = reader.object(item, path)
    if (!field) return
    reader.known(field, path, ['id', 'name', 'type'])
    const def: FieldDef = {
      id: reader.string(field.id, `${path}.id`, ID),
      name: reader.string(field.name, `${path}.name`),
      type: readFieldType(reader, field.type, `${path}.type`),
    }
    if (isSystemAttributeName(def.name)) reader.report(`${path}.name`, `"${def.name}" is a system attribute name`)
    if (fields.some((other) => other.id === def.id || other.name === def.name))
      reader.report(path, `field id or name "${def.id}"/"${def.name}" is used twice`)
    fields.push(def)
  })
  return fields
}

function readVariables(reader: BotFileReader, value: unknown): VariableDef[] {
  return reader.array(value ?? [], 'variables').flatMap((item, i) => {
    const path = `variables[${i}]`
    const variable = reader.object(item, path)
    if (!variable) return []
    reader.known(variable, path, ['name', 'type'])
    const name = reader.string(variable.name, `${path}.name`, ID)
    if (RESERVED_NAMES.has(name)) reader.report(`${path}.name`, `"${name}" is reserved`)
    return [{ name, type: readFieldType(reader, variable.type ?? 'text', `${path}.type`) }]
  })
}

/** The blocks and their steps; an external bot's blocks have none, they only name places to start. */
function readBlocks(scope: StepScope, raw: Record<string, unknown>, engine: BotDef['engine']): Record<string, Step[]> {
  const { reader } = scope
  const blocks: Record<string, Step[]> = {}
  for (const id of scope.blockIds) {
    if (!ID.test(id)) reader.report(`blocks.${id}`, `block id must match ${ID}`)
    const list = reader.array(raw[id], `blocks.${id}`)
    if (Array.isArray(raw[id]) && list.length === 0 && engine === 'flows') reader.report(`blocks.${id}`, 'a block needs at least one step')
    blocks[id] = list.flatMap((item, i) => readStep(scope, item, `blocks.${id}[${i}]`) ?? [])
  }
  return blocks
}

function readLinks(scope: StepScope, value: unknown): EntryLinkDef[] {
  const { reader } = scope
  return reader.array(value ?? [], 'links').flatMap((item, i) => {
    const path = `links[${i}]`
    const link = reader.object(item, path)
    if (!link) return []
    reader.known(link, path, ['name', 'start', 'payloadField', 'teaser'])
    const teaser = readTeaser(reader, link.teaser, `${path}.teaser`)
    const payloadField = link.payloadField === undefined ? EXTERNAL_IDENTIFIER.id : reader.string(link.payloadField, `${path}.payloadField`)
    if (payloadField !== '' && !scope.fields.some((f) => f.id === payloadField || f.name === payloadField))
      reader.report(`${path}.payloadField`, `unknown custom field "${payloadField}"`)
    const name = reader.string(link.name, `${path}.name`, ID)
    return [{ name, start: readBlockRef(scope, link.start, `${path}.start`), payloadField, ...(teaser && { teaser }) }]
  })
}

/** The goal blocks: ids of blocks of the bot, none twice; reaching one is a conversion. */
function readGoals(scope: StepScope, value: unknown): string[] {
  const goals: string[] = []
  scope.reader.array(value ?? [], 'goals').forEach((item, i) => {
    const id = readBlockRef(scope, item, `goals[${i}]`)
    if (goals.includes(id)) scope.reader.report(`goals[${i}]`, `block "${id}" is a goal twice`)
    else if (id !== '') goals.push(id)
  })
  return goals
}

/** The signing secret: written in the file (16 characters at least), or `env:NAME`. */
function readSecret(reader: BotFileReader, value: unknown, env: NodeJS.ProcessEnv): string | null {
  if (value === undefined) return null
  const secret = reader.string(value, 'secret')
  if (secret.startsWith('env:')) return env[secret.slice(4)] || null
  if (secret !== '' && secret.length < MIN_SECRET) reader.report('secret', `a signing secret needs at least ${MIN_SECRET} characters`)
  return secret || null
}
