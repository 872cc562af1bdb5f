/** One thing wrong in a bot file: where inside it (`blocks.welcome[1].goto`) and what. */
export interface BotProblem {
  path: string
  problem: string
}

/** The path of `key` inside `path`; the top level is the empty path. */
export const inside = (path: string, key: string) => (path ? `${path}.${key}` : key)

/**
 * Reads a parsed bot file value by value. A value that does not fit is recorded as a problem
 * and replaced by an empty one, so reading goes on and one run finds every problem of a file.
 */
export class BotFileReader {
  readonly problems: BotProblem[] = []

  report(path: string, problem: string): void {
    this.problems.push({ path, problem })
  }

  /** The object, or undefined (reported) when the value is something else. */
  object(value: unknown, path: string): Record<string, unknown> | undefined {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>
    this.report(path, 'must be an object')
    return undefined
  }

  /** The array, or an empty one (reported) when the value is something else. */
  array(value: unknown, path: string): unknown[] {
    if (Array.isArray(value)) return value
    this.report(path, 'must be an array')
    return []
  }

  /** A non-empty string matching `pattern`; '' (reported) otherwise. */
  string(value: unknown, path: string, pattern?: RegExp): string {
    if (typeof value !== 'string' || value === '') {
      this.report(path, 'must be a non-empty string')
      return ''
    }
    if (pattern && !pattern.test(value)) this.report(path, `"${value}" must match ${pattern}`)
    return value
  }

  /** Like `string`, for a key that may be left out. */
  optionalString(value: unknown, path: string): string | undefined {
    return value === undefined ? undefined : this.string(value, path)
  }

  /** Reports every key that is not one of `keys`. */
  known(value: Record<string, unknown>, path: string, keys: readonly string[]): void {
    for (const key of Object.keys(value))
      if (!keys.includes(key)) this.report(inside(path, key), `unknown key; expected one of ${keys.join(', ')}`)
  }
}
