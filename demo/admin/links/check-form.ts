import type { LinkIntent, SystemAttribute } from '../../../widget/entry/index.ts'
import { systemAttribute } from '../../../widget/entry/index.ts'
import { isPlaceholder } from '../../../widget/entry/placeholders.ts'
import type { FieldType } from '../../bot/types.ts'
import { checkAttribute, checkTyped } from '../../bot/values.ts'
import type { BotDefinitions } from '../../http/bot-definitions.ts'
import type { BuilderForm, ValueRow } from './builder-form.ts'
import { mergeTagProblem } from './merge-tag.ts'

// Turns the form into the intent the links carry, or says, input by input, what is wrong. The
// rules are the backend's own (demo/bot/values.ts) and the codec's (widget/entry), not a copy.

/** A value written as a merge tag: the row it came from, where it goes, and the tag as typed. */
export interface MergeTag {
  row: number
  kind: ValueRow['kind']
  /** The key in the intent: the field's key, the attribute's or the variable's name. */
  key: string
  tag: string
  type: FieldType
}

export interface CheckedForm {
  /** The intent, when no input has a problem. */
  intent: LinkIntent | null
  merges: MergeTag[]
  /** Problems by the id of the input they are about. */
  problems: Record<string, string>
}

export const MAX_TTL_HOURS = 8784

/** The key a link writes for a custom field: its name, unless the name reads as a system attribute. */
export function fieldKey(field: { id: string; name: string }): string {
  return systemAttribute(field.name) === null ? field.name : field.id
}

export function checkForm(form: BuilderForm, bot: BotDefinitions): CheckedForm {
  const problems: Record<string, string> = {}
  const merges: MergeTag[] = []
  const intent: LinkIntent = {}
  const [kind, name] = form.start.includes(':') ? form.start.split(/:(.*)/s) : ['', '']
  if (kind === 'link') {
    const link = bot.links.find((l) => l.name === name)
    if (!link) problems.start = `"${name}" is not an entry link of ${bot.name}`
    else intent.ref = link.name
    if (link && form.payload.trim() !== '') {
      const field = bot.fields.find((f) => f.id === link.payloadField || f.name === link.payloadField)
      const checked = checkTyped(field?.type ?? 'text', form.payload, 'the payload')
      if (!checked.ok) problems.payload = checked.message
      else if (isPlaceholder(checked.value)) problems.payload = 'a payload cannot be a merge tag; put the tag in a field instead'
      else intent.payload = checked.value
    }
  } else if (kind === 'block') {
    if (!bot.blocks.includes(name)) problems.start = `"${name}" is not a block of ${bot.name}`
    else intent.block = name
  }
  const seen = new Set<string>()
  for (const row of form.values) {
    const key = `${row.kind}:${row.name}`
    if (row.name === '') problems[`name-${row.id}`] = 'pick what this value sets'
    else if (seen.has(key)) problems[`name-${row.id}`] = `${row.name} is set twice; remove one`
    seen.add(key)
    const problem = row.name === '' ? null : checkRow(row, bot, form, intent, merges)
    if (problem) problems[`value-${row.id}`] = problem
  }
  if (form.sign) {
    if (!bot.signable) problems.sign = `${bot.name} has no signing secret: set "secret" in its bot file to sign links`
    else if (merges.length > 0) problems.sign = 'a signed link cannot hold merge tags: the signature covers the values as written'
    const hours = form.ttlHours.trim()
    if (!/^\d+$/.test(hours) || Number(hours) < 1 || Number(hours) > MAX_TTL_HOURS)
      problems.ttl = `the link's life is a whole number of hours from 1 to ${MAX_TTL_HOURS} (a year)`
  }
  const carries = Object.keys(intent).length > 0
  if (!carries && !problems.start && Object.keys(problems).length === 0)
    problems.start = 'pick an entry link or a block, or add a value: the link has nothing to carry yet'
  return { intent: Object.keys(problems).length === 0 ? intent : null, merges, problems }
}

function checkRow(row: ValueRow, bot: BotDefinitions, form: BuilderForm, intent: LinkIntent, merges: MergeTag[]): string | null {
  const def = definitionOf(row, bot)
  if (!def) return `${bot.name} has no ${row.kind === 'user' ? 'system attribute' : row.kind} "${row.name}"`
  const value = row.value.trim()
  if (value === '') return 'enter a value, or remove this line'
  if (row.merge) {
    // First: whatever the tag, and whether signing is on or not, this row cannot work.
    if (row.kind === 'user' && def.key === 'user_id')
      return 'user_id needs a signed link, and a signed link cannot hold merge tags: write the customer id itself and turn on signing'
    if (def.type === 'choice') return `${def.label} takes one of ${def.choices.join(', ')}; it cannot be a merge tag`
    if (!isPlaceholder(value)) return 'write the merge tag as your mail tool does, like {{email}} or *|EMAIL|*'
    const tagProblem = mergeTagProblem(value)
    if (tagProblem) return tagProblem
    merges.push({ row: row.id, kind: row.kind, key: def.key, tag: value, type: def.type })
    put(intent, row.kind, def.key, value)
    return null
  }
  if (isPlaceholder(value)) return 'this looks like a merge tag: tick "merge tag" so that the mail tool fills it in'
  if (row.kind === 'user' && def.key === 'user_id' && !form.sign) return 'user_id is stored only from a signed link: turn on signing below'
  const checked =
    row.kind === 'user' ? checkAttribute(def.key, value) : checkTyped(def.type === 'choice' ? 'text' : def.type, value, def.label)
  if (!checked.ok) return checked.message
  if (def.type === 'choice' && !def.choices.includes(checked.value)) return `${def.label} is one of ${def.choices.join(', ')}`
  put(intent, row.kind, def.key, checked.value)
  return null
}

type Definition = { key: string; label: string; type: FieldType | 'choice'; choices: string[] }

function definitionOf(row: ValueRow, bot: BotDefinitions): Definition | null {
  if (row.kind === 'field') {
    const field = bot.fields.find((f) => f.id === row.name)
    return field ? { key: fieldKey(field), label: field.name, type: field.type, choices: [] } : null
  }
  if (row.kind === 'variable') {
    const variable = bot.variables.find((v) => v.name === row.name)
    return variable ? { key: variable.name, label: variable.name, type: variable.type, choices: [] } : null
  }
  const attribute = bot.systemAttributes.find((a) => a.name === row.name)
  if (!attribute) return null
  return { key: attribute.name, label: attribute.name, type: attribute.type, choices: attribute.type === 'choice' ? attribute.choices : [] }
}

function put(intent: LinkIntent, kind: ValueRow['kind'], key: string, value: string): void {
  if (kind === 'field') intent.fields = [...(intent.fields ?? []), { key, value }]
  else if (kind === 'variable') intent.variables = { ...intent.variables, [key]: value }
  else intent.user = { ...intent.user, [key as SystemAttribute]: value }
}
