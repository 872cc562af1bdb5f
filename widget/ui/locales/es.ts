import type { ChatWords } from '../strings.ts'

/** The chat's words in Spanish; the launcher's label is in ui/launcher-strings.ts. */
export const ES: ChatWords = {
  unread: { one: '1 mensaje sin leer', other: '# mensajes sin leer' },
  placeholder: 'Escribe un mensaje…',
  send: 'Enviar',
  typing: 'escribiendo…',
  sending: 'Enviando…',
  retrying: 'Aún no enviado: reintentando',
  offline: 'Conexión perdida. Tus mensajes se guardan y se enviarán cuando vuelva.',
  conversation: 'Conversación',
  opensInNewTab: 'se abre en una pestaña nueva',
  online: 'En línea',
  connecting: 'Conectando…',
  offlineShort: 'Sin conexión',
}
