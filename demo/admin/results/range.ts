// The date range form's rules, as the server applies them (demo/http/results-query.ts), so the
// page says what is wrong next to the field before asking.

/** The longest range, in days: the server's MAX_DAYS. */
export const MAX_DAYS = 366
const DAY = /^\d{4}-\d{2}-\d{2}$/
const MS_PER_DAY = 86_400_000

export const todayUtc = (now = Date.now()) => new Date(now).toISOString().slice(0, 10)
export const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10)

function isDay(value: string): boolean {
  const at = DAY.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN
  return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === value
}

/** What is wrong with each field of the range, by field; empty when the range can be asked for. */
export function rangeProblems(from: string, to: string): { from?: string; to?: string } {
  const problems: { from?: string; to?: string } = {}
  if (!isDay(from)) problems.from = 'Enter the first day as a date (YYYY-MM-DD).'
  if (!isDay(to)) problems.to = 'Enter the last day as a date (YYYY-MM-DD).'
  if (problems.from || problems.to) return problems
  if (from > to) problems.to = 'The last day must be on or after the first day.'
  else if ((Date.parse(to) - Date.parse(from)) / MS_PER_DAY + 1 > MAX_DAYS) problems.to = `Choose ${MAX_DAYS} days at most.`
  return problems
}
