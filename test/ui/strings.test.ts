import { describe, expect, it } from 'vitest'
import { directionOf, forLocale, LAUNCHER_LABELS, matchLocale } from '../../widget/ui/launcher-strings.ts'
import { stringsFor, unreadLabel } from '../../widget/ui/strings.ts'

const LANGUAGES = ['en', 'fr', 'de', 'es', 'pt', 'it', 'nl', 'ar', 'he']

describe("the widget's languages", () => {
  it('has every word in each of them, its own (none left in English but the words English shares)', () => {
    const english = stringsFor('en')
    for (const language of LANGUAGES) {
      const strings = stringsFor(language)
      expect(Object.keys(strings).sort(), language).toEqual(Object.keys(english).sort())
      for (const [key, value] of Object.entries(strings))
        expect(typeof value === 'string' ? value : value.other, `${language}.${key}`).not.toBe('')
      if (language !== 'en')
        expect([strings.openChat, strings.placeholder, strings.send], language).not.toEqual([
          english.openChat,
          english.placeholder,
          english.send,
        ])
    }
    expect(Object.keys(LAUNCHER_LABELS).sort()).toEqual([...LANGUAGES].sort())
  })

  it('counts unread messages by each language’s plural rules', () => {
    const label = (language: string, n: number) => unreadLabel(stringsFor(language), language, n)
    expect([1, 2, 5].map((n) => label('en', n))).toEqual(['1 unread message', '2 unread messages', '5 unread messages'])
    // French and Portuguese (Brazil) say 0 and 1 in the singular.
    expect([0, 1, 2].map((n) => label('fr', n))).toEqual(['0 message non lu', '1 message non lu', '2 messages non lus'])
    expect(label('pt', 0)).toBe('0 mensagem não lida')
    // Arabic: one, two, a few (3 to 10), many (11 to 99) and more.
    expect([1, 2, 3, 11].map((n) => label('ar', n))).toEqual([
      'رسالة واحدة غير مقروءة',
      'رسالتان غير مقروءتين',
      '3 رسائل غير مقروءة',
      '11 رسالة غير مقروءة',
    ])
    expect([1, 2, 7].map((n) => label('he', n))).toEqual(['הודעה אחת שלא נקראה', 'שתי הודעות שלא נקראו', '7 הודעות שלא נקראו'])
    expect(unreadLabel(stringsFor('en'), 'not a tag!', 3)).toBe('3 unread messages')
  })

  it('speaks a regional tag in its language, anything unknown in English, never an inherited key', () => {
    expect(stringsFor('fr-CA').send).toBe('Envoyer')
    expect(stringsFor('pt-BR').openChat).toBe('Abrir o chat')
    expect(stringsFor('ja').send).toBe('Send')
    for (const hostile of ['constructor', '__proto__', 'toString', 'hasOwnProperty-x'])
      expect(forLocale(LAUNCHER_LABELS, hostile), hostile).toEqual(['Open chat', 'Close chat', 'Dismiss'])
    expect(['fr-CA', 'he', 'ja', 'de-AT', 'constructor', 'x--y', '', 'fr"'].map(matchLocale)).toEqual([
      'fr-CA',
      'he',
      'en',
      'de-AT',
      'en',
      'en',
      'en',
      'en',
    ])
    expect(['ar', 'he', 'iw', 'fa', 'de', 'ar-EG'].map(directionOf)).toEqual(['rtl', 'rtl', 'rtl', 'rtl', 'ltr', 'rtl'])
  })
})
