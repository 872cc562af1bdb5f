import type { ChatWords } from '../strings.ts'

/** The chat's words in Portuguese; the launcher's label is in ui/launcher-strings.ts. */
export const PT: ChatWords = {
  unread: { one: '# mensagem não lida', other: '# mensagens não lidas' },
  placeholder: 'Escreva uma mensagem…',
  send: 'Enviar',
  typing: 'escrevendo…',
  sending: 'Enviando…',
  retrying: 'Ainda não enviada: tentando de novo',
  offline: 'Conexão perdida. Suas mensagens ficam guardadas e serão enviadas quando ela voltar.',
  conversation: 'Conversa',
  opensInNewTab: 'abre em uma nova aba',
  online: 'Online',
  connecting: 'Conectando…',
  offlineShort: 'Offline',
}
