import { useEffect, useRef } from 'preact/hooks'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import type { LinkResults } from './results-types.ts'

// The results by day as a uPlot chart. uPlot sizes its own elements through the CSSOM, which
// the admin pages' CSP (no inline styles) allows; its stylesheet is a file of the build.

/** The measures drawn, with colours that keep 3:1 against white (WCAG 1.4.11). */
const SERIES = [
  { measure: 'opens', label: 'Opens', stroke: '#1f5fbf', dash: [] },
  { measure: 'conversationsStarted', label: 'Conversations started', stroke: '#6b4fa0', dash: [6, 3] },
  { measure: 'conversionsFirstLink', label: 'Conversions (first link)', stroke: '#1c6b3a', dash: [] },
  { measure: 'conversionsLastLink', label: 'Conversions (last link)', stroke: '#a4161a', dash: [2, 3] },
] as const

/** The chart's container, with the chart's data for whoever reads the page (the tests). */
export interface ChartElement extends HTMLDivElement {
  chartData?: uPlot.AlignedData
}

/** Each day of the range at 00:00 UTC, in seconds, and each measure summed over `links`. */
export function chartData(links: LinkResults[]): uPlot.AlignedData {
  const days = links[0]?.days.map((d) => Date.parse(`${d.day}T00:00:00Z`) / 1000) ?? []
  const sums = SERIES.map(({ measure }) => days.map((_, i) => links.reduce((sum, link) => sum + link.days[i][measure], 0)))
  return [days, ...sums]
}

export function ResultsChart({ links, caption }: { links: LinkResults[]; caption: string }) {
  const container = useRef<ChartElement>(null)
  useEffect(() => {
    const element = container.current
    if (!element) return
    const data = chartData(links)
    element.chartData = data
    const chart = new uPlot(
      {
        width: Math.max(element.clientWidth, 280),
        height: 260,
        // Days are UTC days (docs/results.md): the axis shows them so wherever the page is opened.
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
        axes: [{}, { incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000] }],
        series: [{ label: 'Day' }, ...SERIES.map(({ label, stroke, dash }) => ({ label, stroke, dash: [...dash], width: 2 }))],
      },
      data,
      element,
    )
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(element.clientWidth, 280), height: 260 }))
    resize.observe(element)
    return () => {
      resize.disconnect()
      chart.destroy()
    }
  }, [links])
  return (
    <figure class="results-figure">
      <div class="results-chart" ref={container} role="img" aria-label={`Chart: ${caption}. The same figures are in the table below.`} />
      <figcaption class="hint">{caption}</figcaption>
    </figure>
  )
}
