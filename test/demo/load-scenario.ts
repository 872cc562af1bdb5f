import { parseEntryLink } from '../../widget/entry/index.ts'
import { visitor } from './server-harness.ts'

export interface LoadFigures {
  conversations: number
  requests: number
  errors: string[]
  seconds: number
  requestsPerSecond: number
  p50: number
  p95: number
  p99: number
  /** Plain GET /healthz at the same concurrency, measured in the same run: the floor. */
  floorRequestsPerSecond: number
  tokens: string[]
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

/**
 * Runs `count` conversations at once against a demo server on loopback: each applies a link,
 * sends five updates in two batches (retrying one), opens the chat and answers a question.
 * Given several servers (processes sharing one database), each conversation sends its
 * requests to them in turn, starting at a different one, and so does the floor.
 */
export async function runLoad(servers: string | string[], count: number): Promise<LoadFigures> {
  const bases = typeof servers === 'string' ? [servers] : servers
  const latencies: number[] = []
  const errors: string[] = []
  const timed = async <T extends { status: number }>(what: string, call: () => Promise<T>): Promise<T> => {
    const start = performance.now()
    const result = await call()
    latencies.push(performance.now() - start)
    if (result.status !== 200) errors.push(`${what}: ${result.status} ${JSON.stringify((result as { body?: unknown }).body)}`)
    return result
  }
  const conversation = async (i: number) => {
    const token = visitor(bases[0]).token
    const through = bases.map((base) => visitor(base, 'demo', token))
    let turn = i
    const next = () => through[turn++ % through.length]
    await timed('session', () =>
      next().session(parseEntryLink(`https://shop.example/?ref=giveaway--L${i}&bs_ref=variables:city:C${i}`), `load-${i}`),
    )
    await timed('updates', () =>
      next().updates([
        { id: `a${i}`, type: 'field', key: 'shoe_size', value: String(36 + (i % 10)) },
        { id: `b${i}`, type: 'user', key: 'first_name', value: `N${i}` },
        { id: `c${i}`, type: 'variable', key: 'color', value: `K${i}` },
      ]),
    )
    await timed('updates', () =>
      next().updates([
        { id: `c${i}`, type: 'variable', key: 'color', value: 'retried' },
        { id: `d${i}`, type: 'field', key: 'account_id', value: `A${i}` },
        { id: `e${i}`, type: 'field', key: 'Source', value: `S${i}` },
      ]),
    )
    await timed('open', () => next().open())
    await timed('message', () => next().say(`e${i}@example.com`, `m1-${i}`))
    await timed('message', () => next().say(`e${i}@example.com`, `m1-${i}`))
    return token
  }
  const start = performance.now()
  const tokens = await Promise.all(Array.from({ length: count }, (_, i) => conversation(i)))
  const seconds = (performance.now() - start) / 1000

  const floorStart = performance.now()
  const perConversation = latencies.length / count
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      for (let k = 0; k < perConversation; k++) await fetch(`${bases[(i + k) % bases.length]}/healthz`).then((r) => r.text())
    }),
  )
  const floorSeconds = (performance.now() - floorStart) / 1000
  const sorted = [...latencies].sort((a, b) => a - b)
  return {
    conversations: count,
    requests: latencies.length,
    errors,
    seconds,
    requestsPerSecond: latencies.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    floorRequestsPerSecond: latencies.length / floorSeconds,
    tokens,
  }
}

export function describeFigures(f: LoadFigures): string {
  return [
    `${f.conversations} concurrent conversations, ${f.requests} API requests in ${f.seconds.toFixed(2)} s: ${Math.round(f.requestsPerSecond)} requests/s`,
    `latency p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms`,
    `floor (GET /healthz, same concurrency, same run): ${Math.round(f.floorRequestsPerSecond)} requests/s; ratio ${(f.requestsPerSecond / f.floorRequestsPerSecond).toFixed(2)}`,
  ].join('\n')
}
