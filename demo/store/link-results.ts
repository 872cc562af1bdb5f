import type { BotDef } from '../bot/types.ts'
import type { LinkResultRow, Queries } from './queries.ts'

// What each entry link of a bot brought, by day (docs/results.md): counted from the rows the
// store keeps (link_opens, conversation_starts, goals_reached), so every process agrees.

/** A span of whole UTC days, `from` to `to` included, as YYYY-MM-DD. */
export interface DayRange {
  from: string
  to: string
}

export type LinkCounts = Record<LinkResultRow['measure'], number>

export interface LinkResults {
  link: string
  /** Whether the bot file has this link; an unknown one is listed once it has a count in the range. */
  known: boolean
  totals: LinkCounts
  days: ({ day: string } & LinkCounts)[]
}

/** The measures, in the order the CSV's columns and the docs give them. */
export const MEASURES: LinkResultRow['measure'][] = [
  'opens',
  'visitorsWithFields',
  'conversationsStarted',
  'conversionsFirstLink',
  'conversionsLastLink',
]

const zero = (): LinkCounts => ({
  opens: 0,
  visitorsWithFields: 0,
  conversationsStarted: 0,
  conversionsFirstLink: 0,
  conversionsLastLink: 0,
})

/** Every day of a range, in order. */
export function daysOf({ from, to }: DayRange): string[] {
  const days: string[] = []
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= Date.parse(`${to}T00:00:00Z`); at += 86_400_000)
    days.push(new Date(at).toISOString().slice(0, 10))
  return days
}

/** The day after, as YYYY-MM-DD. */
export const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

/**
 * Most unknown links one answer lists: anyone can open a link with a made-up `ref`, and a
 * thousand of them would make an answer of a thousand rows per day. The ones with the most
 * conversions, then opens, in the range are kept; how many were left out is said, never hidden.
 */
export const MAX_UNKNOWN_LINKS = 50

/**
 * The bot's links (those of its file in file order, then unknown ones that were opened, by
 * name), each with a count per measure for every day of the range, zeros included, and totals.
 * `goal` counts the conversions of one goal block only; null counts every goal.
 */
export async function linkResults(
  store: Queries,
  bot: BotDef,
  range: DayRange,
  goal: string | null,
  maxUnknown = MAX_UNKNOWN_LINKS,
): Promise<{ links: LinkResults[]; unknownLinksLeftOut: number }> {
  const rows = await store.linkResultRows(bot.id, range.from, nextDay(range.to), goal)
  const days = daysOf(range)
  const byLink = new Map<string, LinkResults>()
  const add = (link: string, known: boolean) => {
    const results = { link, known, totals: zero(), days: days.map((day) => ({ day, ...zero() })) }
    byLink.set(link, results)
    return results
  }
  for (const link of bot.links) add(link.name, true)
  const unknown = unknownLinks(rows, byLink, maxUnknown)
  for (const link of unknown.kept) add(link, false)
  for (const row of rows) {
    const results = byLink.get(row.link)
    if (!results) continue
    if (row.day === null) {
      results.totals[row.measure] = row.count
      continue
    }
    const day = results.days[days.indexOf(row.day)]
    if (day) day[row.measure] = row.count
    // A visitor counted on two days is one visitor over the range: its total comes as its own row.
    if (row.measure !== 'visitorsWithFields') results.totals[row.measure] += row.count
  }
  return { links: [...byLink.values()], unknownLinksLeftOut: unknown.leftOut }
}

/**
 * The unknown links to list, by name: of those with any count in the range, the `max` with the
 * most conversions, then the most opens (ties by name), so that no conversion is left out for
 * links that were only opened.
 */
function unknownLinks(rows: LinkResultRow[], known: Map<string, unknown>, max: number): { kept: string[]; leftOut: number } {
  const scores = new Map<string, { conversions: number; opens: number }>()
  for (const row of rows) {
    if (known.has(row.link) || row.day === null) continue
    const score = scores.get(row.link) ?? { conversions: 0, opens: 0 }
    if (row.measure === 'conversionsFirstLink' || row.measure === 'conversionsLastLink') score.conversions += row.count
    if (row.measure === 'opens') score.opens += row.count
    scores.set(row.link, score)
  }
  const ranked = [...scores]
    .sort(([a, x], [b, y]) => y.conversions - x.conversions || y.opens - x.opens || (a < b ? -1 : 1))
    .map(([link]) => link)
  return { kept: ranked.slice(0, max).sort(), leftOut: Math.max(0, ranked.length - max) }
}
