import type { ChatWords } from '../strings.ts'

/** The chat's words in Italian; the launcher's label is in ui/launcher-strings.ts. */
export const IT: ChatWords = {
  unread: { one: '1 messaggio non letto', other: '# messaggi non letti' },
  placeholder: 'Scrivi un messaggio…',
  send: 'Invia',
  typing: 'sta scrivendo…',
  sending: 'Invio…',
  retrying: 'Non ancora inviato: nuovo tentativo',
  offline: 'Connessione persa. I tuoi messaggi sono conservati e partiranno al suo ritorno.',
  conversation: 'Conversazione',
  opensInNewTab: 'si apre in una nuova scheda',
  online: 'Online',
  connecting: 'Connessione…',
  offlineShort: 'Offline',
}
