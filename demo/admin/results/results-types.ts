import type { LinkResults } from '../../store/link-results.ts'

// The JSON of the results endpoints, as the page reads it (docs/results.md).

export type { LinkCounts, LinkResults } from '../../store/link-results.ts'

export interface ResultsBot {
  id: string
  name: string
  links: string[]
  goals: string[]
}

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
