/**
 * The launcher's labels per language, closed and open, and the teaser's dismiss button's: all the
 * words the loader carries; the rest are in ui/strings.ts, in the chat's file.
 */
export const LAUNCHER_LABELS: Record<string, [open: string, close: string, dismiss: string]> = {
  en: ['Open chat', 'Close chat', 'Dismiss'],
  fr: ['Ouvrir la discussion', 'Fermer la discussion', 'Masquer'],
  de: ['Chat öffnen', 'Chat schließen', 'Ausblenden'],
  es: ['Abrir el chat', 'Cerrar el chat', 'Descartar'],
  pt: ['Abrir o chat', 'Fechar o chat', 'Dispensar'],
  it: ['Apri la chat', 'Chiudi la chat', 'Ignora'],
  nl: ['Chat openen', 'Chat sluiten', 'Verbergen'],
  ar: ['فتح المحادثة', 'إغلاق المحادثة', 'إخفاء'],
  he: ['פתיחת הצ׳אט', 'סגירת הצ׳אט', 'הסתרה'],
}

/** What the chat's file tells the launcher once loaded (ui/mount-chat.tsx): how to say how many messages are unread. */
export interface LauncherWords {
  unread: (count: number) => string
}

// Own keys only: data-locale="constructor" must not find Object's.
const entry = <T>(table: Record<string, T>, key: string): T | undefined => (Object.hasOwn(table, key) ? table[key] : undefined)

/** The entry of `table` for a BCP 47 tag: `fr-CA` falls back to `fr`, anything unknown to English. */
export function forLocale<T>(table: Record<string, T>, locale: string | null | undefined): T {
  const tag = (locale ?? '').toLowerCase()
  return entry(table, tag) ?? entry(table, tag.split('-')[0]) ?? table.en
}

/** The tag the widget speaks for a BCP 47 tag, for `lang` and Intl: itself when its language has strings (`fr-CA`), else English. */
export function matchLocale(locale: string | null | undefined): string {
  const tag = locale ?? ''
  return /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(tag) && forLocale(LAUNCHER_LABELS, tag) !== LAUNCHER_LABELS.en ? tag : 'en'
}

/** The languages written right to left, by their BCP 47 primary subtag: Arabic, Hebrew (also iw, its old code), Persian, Urdu. */
const RIGHT_TO_LEFT = /^(ar|he|iw|fa|ur)\b/i

/** The direction of the widget in a locale: its own, never inherited from the page. */
export function directionOf(locale: string): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.test(locale) ? 'rtl' : 'ltr'
}
