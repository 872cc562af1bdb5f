import { normaliseAttribute, systemAttribute } from './attributes.ts'
import { nameProblem, valueProblem } from './draft.ts'
import type { BuildIssue, Dialect, LinkIntent, SystemAttribute } from './types.ts'

// Checks the builder shares across dialects: a value it writes must decode to itself.

/** Collects the issues of one dialect's encoding. */
export class IssueList {
  readonly issues: BuildIssue[] = []
  constructor(readonly dialect: Dialect) {}

  add(code: string, message: string, part?: string): void {
    const issue: BuildIssue = { code, message, dialect: this.dialect }
    if (part !== undefined) issue.part = part
    this.issues.push(issue)
  }

  /** Checks a value the decoder trims and reads as written; false after adding an issue. */
  value(value: unknown, what: string): value is string {
    if (typeof value !== 'string') {
      this.add('not-a-string', `${what} must be a string`)
      return false
    }
    if (value.trim() === '') {
      this.add('empty-value', `${what} is empty`)
      return false
    }
    if (value !== value.trim()) {
      this.add('surrounding-space', `${what} starts or ends with a space, which the decoder trims`, value)
      return false
    }
    // valueProblem also refuses a lone surrogate, which encodeURIComponent cannot write (URIError).
    const problem = valueProblem(value, what)
    if (problem) this.add(problem[0], problem[1], value)
    return problem === null
  }

  /** Checks a field or variable name. */
  name(name: unknown, what: string): name is string {
    if (!this.value(name, what)) return false
    const problem = nameProblem(name, what)
    if (problem) this.add(problem[0], problem[1], name)
    return problem === null
  }

  /** Checks a system attribute entry: a canonical name and a value its rule accepts. */
  attribute(name: string, value: unknown): value is string {
    if (systemAttribute(name) !== name) {
      this.add('unknown-attribute', `"${name}" is not a system attribute; put custom fields in fields`, name)
      return false
    }
    if (!this.value(value, name)) return false
    // The name is its own canonical form, checked above.
    const checked = normaliseAttribute(name as SystemAttribute, value)
    if ('code' in checked) this.add(checked.code, checked.reason, value)
    return !('code' in checked)
  }

  /** Checks a custom field key that must not be mistaken for a system attribute. */
  fieldKey(key: unknown): key is string {
    if (!this.name(key, 'custom field key')) return false
    if (systemAttribute(key) !== null) {
      this.add(
        'attribute-as-field',
        `custom field "${key}" would be read as the system attribute ${systemAttribute(key)}; put it in user`,
        key,
      )
      return false
    }
    return true
  }

  /** Refuses the parts of an intent this dialect cannot carry. */
  unsupported(intent: LinkIntent, keys: (keyof LinkIntent)[]): void {
    for (const key of keys) if (isSet(intent[key])) this.add('cannot-carry', `the ${this.dialect} dialect cannot carry ${key}`, key)
  }
}

/** Whether an intent key holds something to write. */
export function isSet(value: unknown): boolean {
  if (value === undefined || value === null) return false
  // An array's keys are its indices: an empty array holds nothing, like an empty object.
  if (typeof value === 'object') return Object.keys(value).length > 0
  return true
}

/** Result of one dialect's encoder. */
export type Encoded = { ok: true; value: string } | { ok: false; issues: BuildIssue[] }

export function finish(list: IssueList, value: string): Encoded {
  return list.issues.length > 0 ? { ok: false, issues: list.issues } : { ok: true, value }
}
