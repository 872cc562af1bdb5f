import { describe, expect, it } from 'vitest'
import { initialsOf } from '../../widget/ui/Header.tsx'
import { GROUP_GAP_MS, messageTime, sameGroup, timeFormats } from '../../widget/ui/time.ts'

describe("a message's time", () => {
  const now = new Date('2026-03-14T15:00:00')
  it('is the clock time today and the day with it before, in the locale, and in full for the title', () => {
    const today = messageTime(new Date('2026-03-14T09:05:00').toISOString(), timeFormats('en'), now)
    expect(today?.short).toMatch(/^9:05\sAM$/)
    expect(today?.full).toMatch(/^Saturday, March 14, 2026 at 9:05\sAM$/)
    expect(messageTime(new Date('2026-03-14T09:05:00').toISOString(), timeFormats('de'), now)?.short).toBe('9:05')
    expect(messageTime(new Date('2026-03-10T21:30:00').toISOString(), timeFormats('fr'), now)?.short).toBe('10 mars, 21:30')
  })

  it('is nothing for what is no time, and the browser format for a malformed locale', () => {
    expect(messageTime('yesterday', timeFormats('en'), now)).toBeNull()
    expect(messageTime('', timeFormats('en'), now)).toBeNull()
    expect(messageTime(now.toISOString(), timeFormats('x--y'), now)?.short).toMatch(/\d/)
  })
})

describe('groups of messages', () => {
  const at = (ms: number) => new Date(Date.UTC(2026, 2, 14) + ms).toISOString()
  it('holds one sender, each message less than five minutes after the one before', () => {
    expect(sameGroup({ from: 'bot', at: at(0) }, { from: 'bot', at: at(GROUP_GAP_MS - 1) })).toBe(true)
    expect(sameGroup({ from: 'bot', at: at(0) }, { from: 'bot', at: at(GROUP_GAP_MS) })).toBe(false)
    expect(sameGroup({ from: 'bot', at: at(0) }, { from: 'visitor', at: at(1) })).toBe(false)
    // Out of order or without a time: a group of its own.
    expect(sameGroup({ from: 'bot', at: at(10) }, { from: 'bot', at: at(0) })).toBe(false)
    expect(sameGroup({ from: 'bot', at: 'x' }, { from: 'bot', at: at(0) })).toBe(false)
    expect(sameGroup(undefined, { from: 'bot', at: at(0) })).toBe(false)
    expect(sameGroup({ from: 'bot', at: at(0) }, undefined)).toBe(false)
  })
})

describe("a bot's initials", () => {
  it('are the first letters of its first two words, whatever the script', () => {
    expect(initialsOf('Doorway Shoes')).toBe('DS')
    expect(initialsOf('  anna ')).toBe('A')
    expect(initialsOf('Élodie de la Tour')).toBe('ÉD')
    expect(initialsOf('متجر الأحذية')).toBe('ما')
    expect(initialsOf('\u202e Evil')).toBe('E')
    expect(initialsOf('𝓩ed Bot')).toBe('𝓩B')
  })
})
