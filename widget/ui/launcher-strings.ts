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
