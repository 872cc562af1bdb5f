import type { ComponentChildren } from 'preact'
import { type LinkResults, MEASURE_LABELS } from './results-types.ts'

/**
 * A table's frame that scrolls sideways on a narrow screen, focusable so that a keyboard can
 * scroll it too (WCAG 2.1.1; axe's scrollable-region-focusable). Not a <section>: the admin
 * pages' sections are panels.
 */
function ScrollRegion({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: see above
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to be scrolled by keys
    <div class="table-scroll" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  )
}

/** The header row: what the rows are, then a column per measure. */
function MeasuresHead({ first }: { first: string }) {
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        {MEASURE_LABELS.map(([key, label]) => (
          <th key={key} scope="col">
            {label}
          </th>
        ))}
      </tr>
    </thead>
  )
}

/** Per link, the totals of the range; then, for one link or all, each day. */
export function TotalsTable({ links }: { links: LinkResults[] }) {
  return (
    <ScrollRegion label="Totals per link">
      <table class="results-table">
        <caption>Totals per link over the range</caption>
        <MeasuresHead first="Link" />
        <tbody>
          {links.map((link) => (
            <tr key={link.link} data-link={link.link}>
              <th scope="row">
                <span class="link-text">{link.link}</span>
                {!link.known && <span class="hint"> (not in the bot file)</span>}
              </th>
              {MEASURE_LABELS.map(([key]) => (
                <td key={key} data-measure={key}>
                  {link.totals[key]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  )
}

/** Each day of the range, summed over the links shown. */
export function DaysTable({ links, caption }: { links: LinkResults[]; caption: string }) {
  const days = links[0]?.days ?? []
  return (
    <ScrollRegion label={caption}>
      <table class="results-table">
        <caption>{caption}</caption>
        <MeasuresHead first="Day (UTC)" />
        <tbody>
          {days.map((day, i) => (
            <tr key={day.day} data-day={day.day}>
              <th scope="row">{day.day}</th>
              {MEASURE_LABELS.map(([key]) => (
                <td key={key} data-measure={key}>
                  {links.reduce((sum, link) => sum + link.days[i][key], 0)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  )
}
