import { useEffect, useState } from 'preact/hooks'
import { adminFetch } from '../common/admin-fetch.ts'
import { downloadCsv } from './download-csv.ts'
import { Field } from './field.tsx'
import { addDays, rangeProblems, todayUtc } from './range.ts'
import { ResultsChart } from './results-chart.tsx'
import { DaysTable, TotalsTable } from './results-table.tsx'
import type { ResultsAnswer, ResultsBot } from './results-types.ts'

// The results page (docs/results.md): a bot, a range of UTC days, a goal; then a chart by day,
// the totals per link, the days, and the CSV of the same query.

interface Query {
  bot: string
  from: string
  to: string
  goal: string
}

const ALL = ''

const pathOf = (query: Query) => {
  const params = new URLSearchParams({ from: query.from, to: query.to })
  if (query.goal !== ALL) params.set('goal', query.goal)
  return `/v1/admin/bots/${encodeURIComponent(query.bot)}/results?${params}`
}

export function ResultsPage() {
  const [bots, setBots] = useState<ResultsBot[] | null>(null)
  const [query, setQuery] = useState<Query>({ bot: '', from: addDays(todayUtc(), -29), to: todayUtc(), goal: ALL })
  const [link, setLink] = useState(ALL)
  const [problems, setProblems] = useState<{ from?: string; to?: string }>({})
  const [answer, setAnswer] = useState<ResultsAnswer | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const show = async (asked: Query) => {
    const found = rangeProblems(asked.from, asked.to)
    setProblems(found)
    if (found.from || found.to || asked.bot === '') return
    setBusy(true)
    const got = await adminFetch<ResultsAnswer>(pathOf(asked))
    setBusy(false)
    setFailure(got.ok ? null : `The results could not be read: ${got.message}.`)
    setAnswer(got.ok ? got.body : null)
  }

  useEffect(() => {
    adminFetch<{ bots: ResultsBot[] }>('/v1/admin/bots').then((got) => {
      if (!got.ok) return setFailure(`The bots could not be read: ${got.message}.`)
      setBots(got.body.bots)
      const first = { ...query, bot: got.body.bots[0]?.id ?? '' }
      setQuery(first)
      void show(first)
    })
  }, [])

  const bot = bots?.find((b) => b.id === query.bot)
  const set = (key: keyof Query) => (event: Event) => setQuery({ ...query, [key]: (event.currentTarget as HTMLInputElement).value })
  const shown = answer?.links.filter((l) => link === ALL || l.link === link) ?? []
  const scope = link === ALL ? 'all links' : `link ${link}`
  const caption = answer ? `By day (UTC), ${answer.from} to ${answer.to}, ${scope}${answer.goal ? `, goal ${answer.goal}` : ''}` : ''
  const onBot = (event: Event) => {
    setLink(ALL)
    set('bot')(event)
  }
  const onSubmit = (event: Event) => {
    event.preventDefault()
    void show(query)
  }
  const onDownload = async () => {
    if (!answer) return
    const asked = { bot: answer.bot, from: answer.from, to: answer.to, goal: answer.goal ?? ALL }
    setFailure(await downloadCsv(pathOf(asked)))
  }

  if (!bots) return <p role={failure ? 'alert' : 'status'}>{failure ?? 'Reading the bots…'}</p>
  return (
    <>
      <form class="panel grid" onSubmit={onSubmit} noValidate aria-label="What to show">
        <Field id="results-bot" label="Bot">
          <select id="results-bot" value={query.bot} onChange={onBot}>
            {bots.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name} ({b.id})
              </option>
            ))}
          </select>
        </Field>
        <DayField id="results-from" label="From (UTC day)" value={query.from} problem={problems.from} onInput={set('from')} />
        <DayField id="results-to" label="To (UTC day, included)" value={query.to} problem={problems.to} onInput={set('to')} />
        <Field id="results-goal" label="Goal">
          <select id="results-goal" value={query.goal} onChange={set('goal')} disabled={!bot || bot.goals.length === 0}>
            <option value={ALL}>{bot && bot.goals.length === 0 ? 'This bot marks no goal' : 'Every goal'}</option>
            {bot?.goals.map((goal) => (
              <option key={goal} value={goal}>
                {goal}
              </option>
            ))}
          </select>
        </Field>
        <div class="row results-actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Reading…' : 'Show'}
          </button>
        </div>
      </form>
      {failure && (
        <p class="problem" role="alert">
          {failure}
        </p>
      )}
      {answer && (
        <section aria-labelledby="results-heading">
          <div class="row results-head">
            <h2 id="results-heading">
              {answer.bot}: {answer.from} to {answer.to}
            </h2>
            <button type="button" class="quiet" onClick={onDownload}>
              Download CSV
            </button>
          </div>
          <div class="field results-link">
            <label for="results-link">Chart and days of</label>
            <select id="results-link" value={link} onChange={(e) => setLink((e.currentTarget as HTMLSelectElement).value)}>
              <option value={ALL}>All links</option>
              {answer.links.map((l) => (
                <option key={l.link} value={l.link}>
                  {l.link}
                </option>
              ))}
            </select>
          </div>
          <ResultsChart links={shown} caption={caption} />
          <TotalsTable links={answer.links} />
          {answer.unknownLinksLeftOut > 0 && (
            <p class="hint">
              {answer.unknownLinksLeftOut} more links that are not in the bot file have counts in this range; only those with the most
              conversions, then opens, are listed.
            </p>
          )}
          <DaysTable links={shown} caption={`Each day (UTC), ${scope}`} />
        </section>
      )}
    </>
  )
}

/** A day of the range, its problem, if any, next to it and named by it. */
function DayField(props: { id: string; label: string; value: string; problem?: string; onInput: (event: Event) => void }) {
  const { id, label, value, problem, onInput } = props
  return (
    <Field id={id} label={label} problem={problem}>
      <input
        id={id}
        type="date"
        value={value}
        onInput={onInput}
        aria-invalid={problem ? 'true' : 'false'}
        aria-describedby={problem ? `${id}-problem` : undefined}
      />
    </Field>
  )
}
