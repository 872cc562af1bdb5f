import type { BotDefinitions } from '../../http/bot-definitions.ts'
import type { LinkResults } from '../../store/link-results.ts'

// The JSON of the results endpoints, as the page reads it (docs/results.md).

export type { LinkCounts, LinkResults } from '../../store/link-results.ts'

/** What the page reads of each bot in `GET /v1/admin/bots`, the link builder's answer. */
export type ResultsBot = Pick<BotDefinitions, 'id' | 'name' | 'goals'>

export interface ResultsAnswer {
  bot: string
  timezone: 'UTC'
  from: string
  to: string
  goal: string | null
  goals: string[]
  /** Unknown links opened in the range beyond the 50 listed. */
  unknownLinksLeftOut: number
  links: LinkResults[]
}

/** The measures in the order of the table's columns, with the words the page shows. */
export const MEASURE_LABELS = [
  ['opens', 'Opens'],
  ['visitorsWithFields', 'Visitors with fields'],
  ['conversationsStarted', 'Conversations started'],
  ['conversionsFirstLink', 'Conversions (first link)'],
  ['conversionsLastLink', 'Conversions (last link)'],
] as const
