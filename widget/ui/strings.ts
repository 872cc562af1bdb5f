/** The words of the widget, per locale; `data-locale` picks one, English is the fallback. */
export interface Strings {
  openChat: string
  closeChat: string
  unread: (count: number) => string
  placeholder: string
  send: string
  typing: string
  sending: string
  retrying: string
  offline: string
  conversation: string
  opensInNewTab: string
}

const en: Strings = {
  openChat: 'Open chat',
  closeChat: 'Close chat',
  unread: (n) => (n === 1 ? '1 unread message' : `${n} unread messages`),
  placeholder: 'Write a message…',
  send: 'Send',
  typing: 'typing…',
  sending: 'Sending…',
  retrying: 'Not sent yet: retrying',
  offline: 'Connection lost. Your messages are kept and sent when it is back.',
  conversation: 'Conversation',
  opensInNewTab: 'opens in a new tab',
}

const fr: Strings = {
  openChat: 'Ouvrir la discussion',
  closeChat: 'Fermer la discussion',
  unread: (n) => (n === 1 ? '1 message non lu' : `${n} messages non lus`),
  placeholder: 'Écrivez un message…',
  send: 'Envoyer',
  typing: 'écrit…',
  sending: 'Envoi…',
  retrying: 'Pas encore envoyé : nouvel essai',
  offline: 'Connexion perdue. Vos messages sont gardés et partiront dès son retour.',
  conversation: 'Conversation',
  opensInNewTab: "s'ouvre dans un nouvel onglet",
}

const LOCALES: Record<string, Strings> = { en, fr }

/** The strings for a BCP 47 tag: `fr-CA` falls back to `fr`, anything unknown to English. */
export function stringsFor(locale: string | null | undefined): Strings {
  const tag = (locale ?? '').toLowerCase()
  return LOCALES[tag] ?? LOCALES[tag.split('-')[0]] ?? en
}
