import type { ChatWords } from '../strings.ts'

/** The chat's words in Hebrew; the launcher's label is in ui/launcher-strings.ts. */
export const HE: ChatWords = {
  unread: { one: 'הודעה אחת שלא נקראה', two: 'שתי הודעות שלא נקראו', other: '# הודעות שלא נקראו' },
  placeholder: 'כתבו הודעה…',
  send: 'שליחה',
  typing: 'מקליד…',
  sending: 'שולח…',
  retrying: 'עדיין לא נשלחה: מנסה שוב',
  offline: 'החיבור אבד. ההודעות שלך נשמרות ויישלחו כשיחזור.',
  conversation: 'שיחה',
  opensInNewTab: 'נפתח בכרטיסייה חדשה',
  online: 'מחובר',
  connecting: 'מתחבר…',
  offlineShort: 'לא מחובר',
}
