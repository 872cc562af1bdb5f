import type { BotFileReader } from './file-reader.ts'
import type { ConditionOp, FieldDef, OptionDef, Step, Target, VariableDef } from './types.ts'
import { isSystemAttributeName } from './values.ts'

/** What a step may refer to: the bot's fields, variables and block ids, read before its blocks. */
export interface StepScope {
  reader: BotFileReader
  fields: FieldDef[]
  variables: VariableDef[]
  blockIds: string[]
}

const OPS: ConditionOp[] = ['equals', 'not_equals', 'is_set', 'is_not_set', 'contains', 'greater_than', 'less_than']
/** Most options one message offers: Messenger's limit for quick replies. */
const MAX_OPTIONS = 11

/** A block id that exists in the bot. */
export function readBlockRef(scope: StepScope, value: unknown, path: string): string {
  const id = scope.reader.string(value, path)
  if (id !== '' && !scope.blockIds.includes(id)) scope.reader.report(path, `unknown block "${id}"; blocks are ${scope.blockIds.join(', ')}`)
  return id
}

/** Where a step reads or writes: exactly one of a field, a system attribute or a variable. */
export function readTarget(scope: StepScope, value: unknown, path: string): Target {
  const { reader } = scope
  const target = reader.object(value, path)
  const oneOf = 'must name exactly one of field, user or variable'
  if (!target) return { variable: '' }
  if (Object.keys(target).length !== 1) reader.report(path, oneOf)
  if (typeof target.field === 'string') {
    if (!scope.fields.some((f) => f.id === target.field || f.name === target.field))
      reader.report(`${path}.field`, `unknown custom field "${target.field}"`)
    return { field: target.field }
  }
  if (typeof target.user === 'string') {
    if (!isSystemAttributeName(target.user)) reader.report(`${path}.user`, `unknown system attribute "${target.user}"`)
    return { user: target.user }
  }
  if (typeof target.variable === 'string') {
    if (!scope.variables.some((v) => v.name === target.variable)) reader.report(`${path}.variable`, `unknown variable "${target.variable}"`)
    return { variable: target.variable }
  }
  if (Object.keys(target).length === 1) reader.report(path, oneOf)
  return { variable: '' }
}

/** The options of a message: 1 to 11, each going to a block or opening an address. */
export function readOptions(scope: StepScope, value: unknown, path: string): OptionDef[] {
  const { reader } = scope
  const list = reader.array(value, path)
  if (Array.isArray(value) && (list.length === 0 || list.length > MAX_OPTIONS)) reader.report(path, `must have 1 to ${MAX_OPTIONS} options`)
  return list.map((item, i) => {
    const p = `${path}[${i}]`
    const o = reader.object(item, p)
    if (!o) return { title: '' }
    reader.known(o, p, ['title', 'goto', 'url'])
    const option: OptionDef = { title: reader.string(o.title, `${p}.title`) }
    if (o.goto !== undefined) option.goto = readBlockRef(scope, o.goto, `${p}.goto`)
    if (o.url !== undefined) {
      const url = reader.string(o.url, `${p}.url`)
      if (url !== '' && !/^https?:\/\//.test(url)) reader.report(`${p}.url`, 'must be an http(s) address')
      option.url = url
    }
    if ((option.goto === undefined) === (option.url === undefined)) reader.report(p, 'needs exactly one of goto or url')
    return option
  })
}

/** One step of a block; undefined when it cannot be read at all (reported). */
export function readStep(scope: StepScope, value: unknown, path: string): Step | undefined {
  const { reader } = scope
  const s = reader.object(value, path)
  if (!s) return undefined
  const type = reader.string(s.type, `${path}.type`)
  const at = (key: string) => `${path}.${key}`
  const text = (key: string) => reader.string(s[key], at(key))
  const keys = (...list: string[]) => reader.known(s, path, ['type', ...list])
  switch (type) {
    case 'text':
    case 'summary':
      keys('text')
      return { type, text: text('text') }
    case 'quick_replies': {
      keys('text', 'replies')
      const replies = readOptions(scope, s.replies, at('replies'))
      if (replies.some((r) => r.url)) reader.report(at('replies'), 'quick replies answer with goto, not url')
      return { type, text: text('text'), replies }
    }
    case 'buttons':
      keys('text', 'buttons')
      return { type, text: text('text'), buttons: readOptions(scope, s.buttons, at('buttons')) }
    case 'image':
      keys('url', 'alt')
      return { type, url: text('url'), alt: text('alt') }
    case 'card':
      keys('title', 'subtitle', 'image', 'buttons')
      return {
        type,
        title: text('title'),
        subtitle: reader.optionalString(s.subtitle, at('subtitle')),
        image: reader.optionalString(s.image, at('image')),
        buttons: s.buttons === undefined ? [] : readOptions(scope, s.buttons, at('buttons')),
      }
    case 'set':
      keys('target', 'value')
      if (typeof s.value !== 'string') reader.report(at('value'), 'must be a string')
      return { type, target: readTarget(scope, s.target, at('target')), value: typeof s.value === 'string' ? s.value : '' }
    case 'condition': {
      keys('target', 'op', 'value', 'then', 'else')
      const op = reader.string(s.op, at('op')) as ConditionOp
      if ((op as string) !== '' && !OPS.includes(op)) reader.report(at('op'), `unknown operator "${op}"; known: ${OPS.join(', ')}`)
      return {
        type,
        target: readTarget(scope, s.target, at('target')),
        op,
        value: reader.optionalString(s.value, at('value')),
        // biome-ignore lint/suspicious/noThenProperty: the bot file format names its branches then and else
        then: readBlockRef(scope, s.then, at('then')),
        else: s.else === undefined ? undefined : readBlockRef(scope, s.else, at('else')),
      }
    }
    case 'goto':
      keys('block')
      return { type, block: readBlockRef(scope, s.block, at('block')) }
    case 'ask':
      keys('text', 'target', 'retry', 'next')
      return {
        type,
        text: text('text'),
        target: readTarget(scope, s.target, at('target')),
        retry: text('retry'),
        next: s.next === undefined ? undefined : readBlockRef(scope, s.next, at('next')),
      }
    default:
      if (type !== '') reader.report(at('type'), `unknown step type "${type}"`)
      return undefined
  }
}
