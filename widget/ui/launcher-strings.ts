/** The launcher's words: all the loader carries; the chat's are in ui/strings.ts, in the chat's file. */
export interface LauncherStrings {
  openChat: string
  closeChat: string
  unread: (count: number) => string
}

export const LAUNCHER_STRINGS: Record<string, LauncherStrings> = {
  en: {
    openChat: 'Open chat',
    closeChat: 'Close chat',
    unread: (n) => (n === 1 ? '1 unread message' : `${n} unread messages`),
  },
  fr: {
    openChat: 'Ouvrir la discussion',
    closeChat: 'Fermer la discussion',
    unread: (n) => (n === 1 ? '1 message non lu' : `${n} messages non lus`),
  },
}

/** The entry of `table` for a BCP 47 tag: `fr-CA` falls back to `fr`, anything unknown to English. */
export function forLocale<T>(table: Record<string, T>, locale: string | null | undefined): T {
  const tag = (locale ?? '').toLowerCase()
  return table[tag] ?? table[tag.split('-')[0]] ?? table.en
}

/** The languages written right to left, by their BCP 47 primary subtag: Arabic, Hebrew (also iw, its old code), Persian, Urdu. */
const RIGHT_TO_LEFT = /^(ar|he|iw|fa|ur)\b/i

/** The direction of the widget in a locale: its own, never inherited from the page. */
export function directionOf(locale: string): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.test(locale) ? 'rtl' : 'ltr'
}
