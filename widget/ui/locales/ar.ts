import type { ChatWords } from '../strings.ts'

/** The chat's words in Arabic; the launcher's label is in ui/launcher-strings.ts. */
export const AR: ChatWords = {
  unread: { one: 'رسالة واحدة غير مقروءة', two: 'رسالتان غير مقروءتين', few: '# رسائل غير مقروءة', other: '# رسالة غير مقروءة' },
  placeholder: 'اكتب رسالة…',
  send: 'إرسال',
  typing: 'يكتب…',
  sending: 'جارٍ الإرسال…',
  retrying: 'لم تُرسل بعد: إعادة المحاولة',
  offline: 'انقطع الاتصال. رسائلك محفوظة وستُرسل عند عودته.',
  conversation: 'المحادثة',
  opensInNewTab: 'يفتح في علامة تبويب جديدة',
  online: 'متصل',
  connecting: 'جارٍ الاتصال…',
  offlineShort: 'غير متصل',
}
