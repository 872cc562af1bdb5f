import type { ChatWords } from '../strings.ts'

/** The chat's words in English; the launcher's label is in ui/launcher-strings.ts. */
export const EN: ChatWords = {
  unread: { one: '1 unread message', other: '# unread messages' },
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
}
