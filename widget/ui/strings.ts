import { forLocale, LAUNCHER_STRINGS, type LauncherStrings } from './launcher-strings.ts'

export { directionOf } from './launcher-strings.ts'

/** The words of the chat, per locale; `data-locale` picks one, English is the fallback. */
export interface Strings extends LauncherStrings {
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

const LOCALES: Record<string, Strings> = {
  en: {
    ...LAUNCHER_STRINGS.en,
    placeholder: 'Write a message…',
    send: 'Send',
    typing: 'typing…',
    sending: 'Sending…',
    retrying: 'Not sent yet: retrying',
    offline: 'Connection lost. Your messages are kept and sent when it is back.',
    conversation: 'Conversation',
    opensInNewTab: 'opens in a new tab',
    online: 'Online',
    connecting: 'Connecting…',
    offlineShort: 'Offline',
  },
  fr: {
    ...LAUNCHER_STRINGS.fr,
    placeholder: 'Écrivez un message…',
    send: 'Envoyer',
    typing: 'écrit…',
    sending: 'Envoi…',
    retrying: 'Pas encore envoyé : nouvel essai',
    offline: 'Connexion perdue. Vos messages sont gardés et partiront dès son retour.',
    conversation: 'Conversation',
    opensInNewTab: "s'ouvre dans un nouvel onglet",
    online: 'En ligne',
    connecting: 'Connexion…',
    offlineShort: 'Hors ligne',
  },
}

/** The strings for a BCP 47 tag: `fr-CA` falls back to `fr`, anything unknown to English. */
export function stringsFor(locale: string | null | undefined): Strings {
  return forLocale(LOCALES, locale)
}
