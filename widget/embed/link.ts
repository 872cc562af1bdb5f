import { DEFAULT_PARAMS, type EntryIntent, parseEntryLink, withoutParams } from '../entry/index.ts'
import { claimLink } from '../page/applied-links.ts'
import type { Platform } from '../transport/platform.ts'

export interface PageLink {
  /** The link of the address, or null: none, or for another bot. Not claimed yet. */
  intent: EntryIntent | null
  /** The address's query, by which the link is applied once. */
  query: string
  /** The link to apply, or null when none or when it was applied on this browser already (page/applied-links.ts). */
  claim(platform: Platform, key: (name: string) => string): EntryIntent | null
  /** Removes the link's parameters from the address, whatever became of the link; once. */
  scrub(replaceAddress: (url: string) => void): void
}

/** Decodes an address and checks its link against this bot; stores nothing. */
export function readLink(href: string, config: { bot: string; refParams: string[] }, warn: (message: string) => void): PageLink {
  const decoded = parseEntryLink(href, { params: { ref: config.refParams } })
  // `p` alone only names the bot: that is no link to apply.
  const hasLink = decoded.dialect !== null || decoded.signature !== null || decoded.rejected.length > 0
  let intent: EntryIntent | null = hasLink ? decoded : null
  if (intent?.bot && intent.bot !== config.bot) {
    warn(`this link is for bot "${intent.bot}", not "${config.bot}"; it is not applied`)
    intent = null
  }
  let scrubbed = false
  let query = ''
  try {
    query = new URL(href).search
  } catch {
    // parseEntryLink has said why: it is no link
  }
  return {
    intent,
    query,
    claim: (platform, key) => (intent && claimLink(platform, key, query) ? intent : null),
    // Called once the link is in the outbox, or held for consent: its parameters may hold
    // personal data. `p` stays: it is no personal data, and a page that takes its bot from it
    // needs it on reload.
    scrub(replaceAddress) {
      // Once: later the address may be another page of a single-page app.
      if (scrubbed) return
      scrubbed = true
      const scrub = decoded.params.filter((name) => !DEFAULT_PARAMS.bot.includes(name))
      if (scrub.length === 0) return
      try {
        replaceAddress(withoutParams(href, scrub))
      } catch (error) {
        warn(`could not remove the link parameters from the address bar: ${(error as Error)?.message}`)
      }
    },
  }
}
