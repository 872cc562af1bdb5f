import type { BotDef } from '../bot/types.ts'
import type { DayRange } from '../store/link-results.ts'
import { HttpError } from './http-error.ts'

// The query of the results endpoint (docs/results.md): every parameter is checked, and a bad
// one is refused with a 400 that names it, never read as something else.

/** The longest range one request may ask for: a year, leap day included. */
export const MAX_DAYS = 366
/** The range when none is asked for: the last 30 days, today included. */
const DEFAULT_DAYS = 30
const DAY = /^\d{4}-\d{2}-\d{2}$/
/** Days the results can hold: rows are stamped with the time they are written, and a range's
 * days, its default start and the day after its end must all be written YYYY-MM-DD. */
const FIRST_DAY = '2000-01-01'
const LAST_DAY = '9998-12-31'
const FORMATS = ['json', 'csv'] as const

export interface ResultsQuery {
  range: DayRange
  goal: string | null
  format: (typeof FORMATS)[number]
}

/** One value of a parameter: null when absent, a 400 when it is given twice or empty. */
function single(params: URLSearchParams, name: string): string | null {
  const values = params.getAll(name)
  if (values.length > 1) throw new HttpError(400, 'invalid_parameter', `${name} is given ${values.length} times; give it once`)
  if (values[0] === '') throw new HttpError(400, 'invalid_parameter', `${name} is empty`)
  return values[0] ?? null
}

/** A calendar day as YYYY-MM-DD (UTC), that exists: 2026-02-30 is refused, not read as March. */
function day(params: URLSearchParams, name: string): string | null {
  const value = single(params, name)
  if (value === null) return null
  // Read as ISO 8601 (Date.UTC would take years 0-99 as 1900-1999), then written back: a day
  // that does not exist comes back as another one, or as no date at all.
  const at = DAY.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN
  if (Number.isNaN(at) || new Date(at).toISOString().slice(0, 10) !== value)
    throw new HttpError(
      400,
      'invalid_date',
      `${name} must be a date as YYYY-MM-DD, like 2026-12-01; got ${JSON.stringify(value.slice(0, 40))}`,
    )
  if (value < FIRST_DAY || value > LAST_DAY)
    throw new HttpError(400, 'invalid_date', `${name} must be a day from ${FIRST_DAY} to ${LAST_DAY}; got ${value}`)
  return value
}

const shift = (value: string, days: number) => new Date(Date.parse(`${value}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

/**
 * Reads `from`, `to`, `goal` and `format`, and the `Accept` header: CSV with `format=csv`, or
 * with `Accept: text/csv` when no format is given. Without `to`, the range ends today (UTC);
 * without `from`, it spans 30 days.
 */
export function readResultsQuery(params: URLSearchParams, accept: string | undefined, bot: BotDef, today: string): ResultsQuery {
  const to = day(params, 'to') ?? today
  // The default start is never before the first day results can hold.
  const from = day(params, 'from') ?? [shift(to, 1 - DEFAULT_DAYS), FIRST_DAY].sort()[1]
  if (from > to) throw new HttpError(400, 'invalid_range', `from (${from}) is after to (${to})`)
  // Counted, not listed: a range of thousands of years is refused without building it.
  const length = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1
  if (length > MAX_DAYS) throw new HttpError(400, 'range_too_long', `from to to spans ${length} days; ask for ${MAX_DAYS} at most`)
  const goal = single(params, 'goal')
  if (goal !== null && !bot.goals.includes(goal)) {
    const known = bot.goals.length === 0 ? `bot "${bot.id}" marks no goal` : `its goals are ${bot.goals.join(', ')}`
    throw new HttpError(400, 'unknown_goal', `goal ${JSON.stringify(goal.slice(0, 64))} is not a goal of bot "${bot.id}"; ${known}`)
  }
  const format = single(params, 'format')
  if (format !== null && !FORMATS.includes(format as ResultsQuery['format']))
    throw new HttpError(400, 'invalid_format', `format must be one of ${FORMATS.join(', ')}`)
  const wantsCsv = format === null && prefersCsv(accept ?? '')
  return { range: { from, to }, goal, format: format === 'csv' || wantsCsv ? 'csv' : 'json' }
}

/**
 * Whether an `Accept` header prefers CSV to JSON (RFC 9110, 12.5.1). Each type takes the
 * quality of the most specific range that matches it: `text/csv`, else `text/*`, else the range
 * of any type. CSV wins with a quality above 0 and above JSON's, or equal to it from a more
 * specific range: `text/csv` beside the any-type range is CSV; that range alone, or both types
 * named, is JSON, the default.
 */
export function prefersCsv(accept: string): boolean {
  const quality = new Map<string, number>()
  for (const range of accept.split(',')) {
    const [type, ...params] = range.split(';').map((part) => part.trim().toLowerCase())
    if (!type) continue
    const q = params.find((param) => param.startsWith('q='))
    const value = q === undefined ? 1 : Number(q.slice(2))
    quality.set(type, Number.isFinite(value) && value >= 0 && value <= 1 ? value : 0)
  }
  /** The quality of a type and how specific the range that gave it is (2 exact, 1 type/*, 0 any). */
  const of = (type: string): [q: number, specific: number] => {
    const ranges = [type, `${type.split('/')[0]}/*`, '*/*']
    const found = ranges.findIndex((range) => quality.has(range))
    return found < 0 ? [0, -1] : [quality.get(ranges[found]) as number, 2 - found]
  }
  const [csv, csvSpecific] = of('text/csv')
  const [json, jsonSpecific] = of('application/json')
  return csv > 0 && (csv > json || (csv === json && csvSpecific > jsonSpecific))
}
