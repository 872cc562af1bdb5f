import { DEFAULT_PARAMS, type EntryIntent, parseEntryLink, withoutParams } from '../entry/index.ts'
import type { Platform } from '../transport/platform.ts'
import { claimLink } from './applied-links.ts'

export interface PageLink {
  /** The link to apply on this page view, or null: none, for another bot, or applied already. */
  intent: EntryIntent | null
  /** Removes the link's parameters from the address, whatever became of the link. */
  scrub(replaceAddress: (url: string) => void): void
}

/** Decodes the page address, checks the link against this bot and claims it once (embed/applied-links.ts). */
export function takeLink(
  href: string,
  config: { bot: string; refParams: string[] },
  platform: Platform,
  key: (name: string) => string,
  warn: (message: string) => void,
): PageLink {
  const decoded = parseEntryLink(href, { params: { ref: config.refParams } })
  // `p` alone only names the bot: that is no link to apply.
  const hasLink = decoded.dialect !== null || decoded.signature !== null || decoded.rejected.length > 0
  let intent: EntryIntent | null = hasLink ? decoded : null
  if (intent?.bot && intent.bot !== config.bot) {
    warn(`this link is for bot "${intent.bot}", not "${config.bot}"; it is not applied`)
    intent = null
  }
  if (intent && !claimLink(platform, key, new URL(href).search)) intent = null
  return {
    intent,
    // Called once the link is in the outbox: its parameters may hold personal data. `p` stays:
    // it is no personal data, and a page that takes its bot from it needs it on reload.
    scrub(replaceAddress) {
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
