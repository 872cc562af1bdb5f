import type { ChatWords } from '../strings.ts'

/** The chat's words in Dutch; the launcher's label is in ui/launcher-strings.ts. */
export const NL: ChatWords = {
  unread: { one: '1 ongelezen bericht', other: '# ongelezen berichten' },
  placeholder: 'Schrijf een bericht…',
  send: 'Verzenden',
  typing: 'typt…',
  sending: 'Verzenden…',
  retrying: 'Nog niet verzonden: opnieuw proberen',
  offline: 'Verbinding verbroken. Je berichten worden bewaard en verzonden zodra ze terug is.',
  conversation: 'Gesprek',
  opensInNewTab: 'opent in een nieuw tabblad',
  online: 'Online',
  connecting: 'Verbinden…',
  offlineShort: 'Offline',
}
