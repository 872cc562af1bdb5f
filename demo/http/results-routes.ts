import { linkResults, MEASURES } from '../store/link-results.ts'
import { requireAdmin } from './admin-token.ts'
import { botOf } from './bot-route.ts'
import { toCsv } from './csv.ts'
import { sendJson } from './respond.ts'
import { readResultsQuery } from './results-query.ts'
import type { Exchange, Route } from './router.ts'

// Per-link results by day (docs/results.md), behind ADMIN_TOKEN, as JSON or CSV.

/** The CSV's column of each measure, in MEASURES' order. */
const COLUMNS = ['opens', 'visitors_with_fields', 'conversations_started', 'conversions_first_link', 'conversions_last_link']

async function results(r: Exchange): Promise<void> {
  requireAdmin(r.req, r.context.adminToken)
  const bot = botOf(r)
  const today = new Date().toISOString().slice(0, 10)
  const query = readResultsQuery(r.url.searchParams, r.req.headers.accept, bot, today)
  const { links, unknownLinksLeftOut } = await linkResults(r.context.store, bot, query.range, query.goal)
  if (query.format === 'json') {
    const body = { bot: bot.id, timezone: 'UTC', ...query.range, goal: query.goal, goals: bot.goals, unknownLinksLeftOut, links }
    return sendJson(r.res, 200, body)
  }
  const rows = links.flatMap((link) =>
    link.days.map((day) => [link.link, link.known ? 'yes' : 'no', day.day, ...MEASURES.map((measure) => day[measure])]),
  )
  const csv = toCsv(['link', 'known', 'day', ...COLUMNS], rows)
  // The name is made of the bot id and the dates only: both are checked, neither needs quoting.
  const name = `${bot.id}-results-${query.range.from}-to-${query.range.to}${query.goal ? `-${query.goal}` : ''}.csv`
  r.res.writeHead(200, {
    'Content-Type': 'text/csv; charset=utf-8; header=present',
    'Content-Disposition': `attachment; filename="${name}"`,
    'Cache-Control': 'no-store',
    // A CSV has no place to say it, so the header does: unknown links beyond the first 50.
    'Doorway-Unknown-Links-Left-Out': String(unknownLinksLeftOut),
    'Content-Length': Buffer.byteLength(csv),
  })
  r.res.end(csv)
}

export const resultsRoutes: Route[] = [{ method: 'GET', path: '/v1/admin/bots/:bot/results', handle: results }]
