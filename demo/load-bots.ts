import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  type BotDef,
  type ConditionOp,
  EXTERNAL_IDENTIFIER,
  type FieldDef,
  type FieldType,
  type OptionDef,
  type Step,
  type Target,
  type VariableDef,
} from './bot.ts'
import { RESERVED_NAMES_LIST, SYSTEM_ATTRIBUTES } from './rules.ts'

/** A bot file that does not validate: names the file, the path inside it and the problem. */
export class BotFileError extends Error {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${file}: ${path || '(top level)'}: ${problem}`)
    this.name = 'BotFileError'
  }
}

const FIELD_TYPES: FieldType[] = ['text', 'number', 'email', 'phone', 'date']
const OPS: ConditionOp[] = ['equals', 'not_equals', 'is_set', 'is_not_set', 'contains', 'greater_than', 'less_than']
const ID = /^[A-Za-z0-9_-]{1,64}$/

/** Reads and validates every `*.json` bot file of a folder. Throws BotFileError on the first problem. */
export function loadBots(dir: string, env: NodeJS.ProcessEnv = process.env): Map<string, BotDef> {
  const bots = new Map<string, BotDef>()
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
  if (files.length === 0) throw new BotFileError(dir, '', 'no bot files (*.json) in this folder')
  for (const name of files) {
    const file = join(dir, name)
    let raw: unknown
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'))
    } catch (error) {
      throw new BotFileError(file, '', `not valid JSON: ${(error as Error).message}`)
    }
    const bot = validateBot(raw, file, env)
    if (bots.has(bot.id)) throw new BotFileError(file, 'id', `bot id "${bot.id}" is used by another file too`)
    bots.set(bot.id, bot)
  }
  return bots
}

/** Validates one parsed bot file. */
export function validateBot(raw: unknown, file: string, env: NodeJS.ProcessEnv = process.env): BotDef {
  const fail = (path: string, problem: string): never => {
    throw new BotFileError(file, path, problem)
  }
  const object = (value: unknown, path: string): Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : fail(path, 'must be an object')
  const array = (value: unknown, path: string): unknown[] => (Array.isArray(value) ? value : fail(path, 'must be an array'))
  const string = (value: unknown, path: string, pattern?: RegExp): string => {
    if (typeof value !== 'string' || value === '') return fail(path, 'must be a non-empty string')
    if (pattern && !pattern.test(value)) fail(path, `"${value}" must match ${pattern}`)
    return value
  }
  const fieldType = (value: unknown, path: string): FieldType =>
    FIELD_TYPES.includes(value as FieldType) ? (value as FieldType) : fail(path, `type must be one of ${FIELD_TYPES.join(', ')}`)
  const optional = (value: unknown, path: string): string | undefined => (value === undefined ? undefined : string(value, path))
  const known = (value: Record<string, unknown>, path: string, keys: string[]) => {
    for (const key of Object.keys(value))
      if (!keys.includes(key)) fail(`${path}${path ? '.' : ''}${key}`, `unknown key; expected one of ${keys.join(', ')}`)
  }

  const top = object(raw, '')
  known(top, '', [
    '$schema',
    'id',
    'name',
    'tagline',
    'secret',
    'allowedOrigins',
    'fields',
    'variables',
    'links',
    'defaultBlock',
    'fallbackBlock',
    'blocks',
  ])
  const fields: FieldDef[] = [EXTERNAL_IDENTIFIER]
  array(top.fields ?? [], 'fields').forEach((item, i) => {
    const path = `fields[${i}]`
    const field = object(item, path)
    known(field, path, ['id', 'name', 'type'])
    const def: FieldDef = {
      id: string(field.id, `${path}.id`, ID),
      name: string(field.name, `${path}.name`),
      type: fieldType(field.type, `${path}.type`),
    }
    if (SYSTEM_ATTRIBUTES.includes(def.name as never)) fail(`${path}.name`, `"${def.name}" is a system attribute name`)
    for (const other of fields)
      if (other.id === def.id || other.name === def.name) fail(path, `field id or name "${def.id}"/"${def.name}" is used twice`)
    fields.push(def)
  })
  const variables: VariableDef[] = array(top.variables ?? [], 'variables').map((item, i) => {
    const path = `variables[${i}]`
    const variable = object(item, path)
    known(variable, path, ['name', 'type'])
    const name = string(variable.name, `${path}.name`, ID)
    if (RESERVED_NAMES_LIST.includes(name)) fail(`${path}.name`, `"${name}" is reserved`)
    return { name, type: fieldType(variable.type ?? 'text', `${path}.type`) }
  })
  const blocksRaw = object(top.blocks, 'blocks')
  const blockIds = Object.keys(blocksRaw)
  if (blockIds.length === 0) fail('blocks', 'a bot needs at least one block')
  const blockRef = (value: unknown, path: string): string => {
    const id = string(value, path)
    return blockIds.includes(id) ? id : fail(path, `unknown block "${id}"; blocks are ${blockIds.join(', ')}`)
  }
  const target = (value: unknown, path: string): Target => {
    const t = object(value, path)
    const keys = Object.keys(t)
    if (keys.length !== 1) fail(path, 'must name exactly one of field, user or variable')
    if (typeof t.field === 'string') {
      if (!fields.some((f) => f.id === t.field || f.name === t.field)) fail(`${path}.field`, `unknown custom field "${t.field}"`)
      return { field: t.field }
    }
    if (typeof t.user === 'string') {
      if (!SYSTEM_ATTRIBUTES.includes(t.user as never))
        fail(`${path}.user`, `unknown system attribute "${t.user}"; known: ${SYSTEM_ATTRIBUTES.join(', ')}`)
      return { user: t.user }
    }
    if (typeof t.variable === 'string') {
      if (!variables.some((v) => v.name === t.variable)) fail(`${path}.variable`, `unknown variable "${t.variable}"`)
      return { variable: t.variable }
    }
    return fail(path, 'must name exactly one of field, user or variable')
  }
  const options = (value: unknown, path: string): OptionDef[] => {
    const list = array(value, path)
    if (list.length === 0 || list.length > 11) fail(path, 'must have 1 to 11 options')
    return list.map((item, i) => {
      const p = `${path}[${i}]`
      const o = object(item, p)
      known(o, p, ['title', 'goto', 'url'])
      const option: OptionDef = { title: string(o.title, `${p}.title`) }
      if (o.goto !== undefined) option.goto = blockRef(o.goto, `${p}.goto`)
      if (o.url !== undefined) {
        const url = string(o.url, `${p}.url`)
        if (!/^https?:\/\//.test(url)) fail(`${p}.url`, 'must be an http(s) address')
        option.url = url
      }
      if ((option.goto === undefined) === (option.url === undefined)) fail(p, 'needs exactly one of goto or url')
      return option
    })
  }
  const step = (value: unknown, path: string): Step => {
    const s = object(value, path)
    const type = string(s.type, `${path}.type`)
    const at = (key: string) => `${path}.${key}`
    switch (type) {
      case 'text':
        known(s, path, ['type', 'text'])
        return { type, text: string(s.text, at('text')) }
      case 'summary':
        known(s, path, ['type', 'text'])
        return { type, text: string(s.text, at('text')) }
      case 'quick_replies': {
        known(s, path, ['type', 'text', 'replies'])
        const replies = options(s.replies, at('replies'))
        if (replies.some((r) => r.url)) fail(at('replies'), 'quick replies answer with goto, not url')
        return { type, text: string(s.text, at('text')), replies }
      }
      case 'buttons':
        known(s, path, ['type', 'text', 'buttons'])
        return { type, text: string(s.text, at('text')), buttons: options(s.buttons, at('buttons')) }
      case 'image':
        known(s, path, ['type', 'url', 'alt'])
        return { type, url: string(s.url, at('url')), alt: string(s.alt, at('alt')) }
      case 'card':
        known(s, path, ['type', 'title', 'subtitle', 'image', 'buttons'])
        return {
          type,
          title: string(s.title, at('title')),
          subtitle: optional(s.subtitle, at('subtitle')),
          image: optional(s.image, at('image')),
          buttons: s.buttons === undefined ? [] : options(s.buttons, at('buttons')),
        }
      case 'set':
        known(s, path, ['type', 'target', 'value'])
        return {
          type,
          target: target(s.target, at('target')),
          value: typeof s.value === 'string' ? s.value : fail(at('value'), 'must be a string'),
        }
      case 'condition': {
        known(s, path, ['type', 'target', 'op', 'value', 'then', 'else'])
        const op = string(s.op, at('op')) as ConditionOp
        if (!OPS.includes(op)) fail(at('op'), `unknown operator "${op}"; known: ${OPS.join(', ')}`)
        return {
          type,
          target: target(s.target, at('target')),
          op,
          value: optional(s.value, at('value')),
          // biome-ignore lint/suspicious/noThenProperty: the bot file format names its branches then and else
          then: blockRef(s.then, at('then')),
          else: s.else === undefined ? undefined : blockRef(s.else, at('else')),
        }
      }
      case 'goto':
        known(s, path, ['type', 'block'])
        return { type, block: blockRef(s.block, at('block')) }
      case 'ask':
        known(s, path, ['type', 'text', 'target', 'retry', 'next'])
        return {
          type,
          text: string(s.text, at('text')),
          target: target(s.target, at('target')),
          retry: string(s.retry, at('retry')),
          next: s.next === undefined ? undefined : blockRef(s.next, at('next')),
        }
      default:
        return fail(at('type'), `unknown step type "${type}"`)
    }
  }
  const blocks: Record<string, Step[]> = {}
  for (const id of blockIds) {
    if (!ID.test(id)) fail(`blocks.${id}`, `block id must match ${ID}`)
    blocks[id] = array(blocksRaw[id], `blocks.${id}`).map((item, i) => step(item, `blocks.${id}[${i}]`))
    if (blocks[id].length === 0) fail(`blocks.${id}`, 'a block needs at least one step')
  }
  const links = array(top.links ?? [], 'links').map((item, i) => {
    const path = `links[${i}]`
    const link = object(item, path)
    known(link, path, ['name', 'start', 'payloadField'])
    const payloadField = link.payloadField === undefined ? EXTERNAL_IDENTIFIER.id : string(link.payloadField, `${path}.payloadField`)
    if (!fields.some((f) => f.id === payloadField || f.name === payloadField))
      fail(`${path}.payloadField`, `unknown custom field "${payloadField}"`)
    return { name: string(link.name, `${path}.name`, ID), start: blockRef(link.start, `${path}.start`), payloadField }
  })
  const secret = top.secret === undefined ? null : string(top.secret, 'secret')
  let resolvedSecret = secret
  if (secret?.startsWith('env:')) {
    resolvedSecret = env[secret.slice(4)] || null
  } else if (secret !== null && secret.length < 16) {
    fail('secret', 'a signing secret needs at least 16 characters')
  }
  return {
    id: string(top.id, 'id', ID),
    name: string(top.name, 'name'),
    tagline: typeof top.tagline === 'string' ? top.tagline : '',
    secret: resolvedSecret,
    allowedOrigins: array(top.allowedOrigins ?? [], 'allowedOrigins').map((o, i) =>
      string(o, `allowedOrigins[${i}]`, /^(\*|https?:\/\/[^/]+)$/),
    ),
    fields,
    variables,
    links,
    defaultBlock: blockRef(top.defaultBlock, 'defaultBlock'),
    fallbackBlock: top.fallbackBlock === undefined ? null : blockRef(top.fallbackBlock, 'fallbackBlock'),
    blocks,
  }
}
