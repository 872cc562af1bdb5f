import type { ChatWords } from '../strings.ts'

/** The chat's words in German; the launcher's label is in ui/launcher-strings.ts. */
export const DE: ChatWords = {
  unread: { one: '1 ungelesene Nachricht', other: '# ungelesene Nachrichten' },
  placeholder: 'Nachricht schreiben…',
  send: 'Senden',
  typing: 'schreibt…',
  sending: 'Wird gesendet…',
  retrying: 'Noch nicht gesendet: neuer Versuch',
  offline: 'Verbindung verloren. Ihre Nachrichten bleiben erhalten und werden gesendet, sobald sie zurück ist.',
  conversation: 'Unterhaltung',
  opensInNewTab: 'öffnet in einem neuen Tab',
  online: 'Online',
  connecting: 'Verbindung wird hergestellt…',
  offlineShort: 'Offline',
}
