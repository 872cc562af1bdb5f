import type { ChatWords } from '../strings.ts'

/** The chat's words in French; the launcher's label is in ui/launcher-strings.ts. */
export const FR: ChatWords = {
  unread: { one: '# message non lu', other: '# messages non lus' },
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
}
