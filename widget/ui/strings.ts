import { forLocale, LAUNCHER_LABELS } from './launcher-strings.ts'
import { AR } from './locales/ar.ts'
import { DE } from './locales/de.ts'
import { EN } from './locales/en.ts'
import { ES } from './locales/es.ts'
import { FR } from './locales/fr.ts'
import { HE } from './locales/he.ts'
import { IT } from './locales/it.ts'
import { NL } from './locales/nl.ts'
import { PT } from './locales/pt.ts'

export { directionOf } from './launcher-strings.ts'

/** The chat's words in one language, one file each in ui/locales/. */
export interface ChatWords {
  /** "# unread messages" by plural category (Intl.PluralRules), `#` for the number; `other` when a category has none. */
  unread: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }
  placeholder: string
  send: string
  typing: string
  sending: string
  retrying: string
  offline: string
  conversation: string
  opensInNewTab: string
  /** The header's status line (ui/Header.tsx). */
  online: string
  connecting: string
  offlineShort: string
}

/** The words of the chat and its launcher, per locale; `data-locale` picks one, English is the fallback. */
export type Strings = ChatWords & { openChat: string; closeChat: string }

/** A new language: its file in ui/locales/, a line here and its label in ui/launcher-strings.ts. */
const LOCALES: Record<string, ChatWords> = { en: EN, fr: FR, de: DE, es: ES, pt: PT, it: IT, nl: NL, ar: AR, he: HE }

/** The strings for a BCP 47 tag: `fr-CA` falls back to `fr`, anything unknown to English. */
export function stringsFor(locale: string | null | undefined): Strings {
  const [openChat, closeChat] = forLocale(LAUNCHER_LABELS, locale)
  return { ...forLocale(LOCALES, locale), openChat, closeChat }
}

/** "3 unread messages" by the plural rules of `locale` (Intl.PluralRules); the `other` form for a tag Intl refuses. */
export function unreadLabel(strings: ChatWords, locale: string, count: number): string {
  let category: Intl.LDMLPluralRule = 'other'
  try {
    category = new Intl.PluralRules(locale).select(count)
  } catch {}
  return (strings.unread[category] ?? strings.unread.other).replace('#', String(count))
}
