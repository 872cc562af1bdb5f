// A message's time as the widget's locale writes it (Intl.DateTimeFormat): short beside a group
// of messages, in full where the pointer or a screen reader asks for it.

/** A locale's three formats: the clock, the day and clock, in full. */
export type TimeFormats = [Intl.DateTimeFormat, Intl.DateTimeFormat, Intl.DateTimeFormat]

const formats = new Map<string, TimeFormats>()

/**
 * The formats of a locale, made once. The first date format of a page costs Chromium some 50 ms
 * (ICU's data): ui/MessageList.tsx makes them when the browser is idle, after the chat has shown.
 */
export function timeFormats(locale: string): TimeFormats {
  let found = formats.get(locale)
  if (!found) {
    // An unknown or malformed tag (data-locale="x--y") falls back to the browser's own formats.
    const make = (options: Intl.DateTimeFormatOptions) => {
      try {
        return new Intl.DateTimeFormat(locale, options)
      } catch {
        return new Intl.DateTimeFormat(undefined, options)
      }
    }
    found = [
      make({ hour: 'numeric', minute: '2-digit' }),
      make({ month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }),
      make({ dateStyle: 'full', timeStyle: 'short' }),
    ]
    formats.set(locale, found)
  }
  return found
}

/** Runs `task` when the browser is idle (within 2 s), or after a timer where it has no idle callbacks (Safari); returns the cancel. */
export function whenIdle(task: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(task, { timeout: 2000 })
    return () => cancelIdleCallback(id)
  }
  const timer = setTimeout(task, 200)
  return () => clearTimeout(timer)
}

/** `at` (ISO 8601) as a short time (with the day when it is not today) and in full; null when it is no time. */
export function messageTime(at: string, [clock, day, full]: TimeFormats, now = new Date()): { short: string; full: string } | null {
  const time = new Date(at)
  if (Number.isNaN(time.getTime())) return null
  return { short: (time.toDateString() === now.toDateString() ? clock : day).format(time), full: full.format(time) }
}

/** Messages of one sender less than this apart are one group: one time, bubbles drawn together. */
export const GROUP_GAP_MS = 5 * 60_000

type Sent = { from: string; at: string } | undefined

/** Whether `message` goes on the group of `before`: the same sender, soon enough after it; none of them has no group. */
export function sameGroup(before: Sent, message: Sent): boolean {
  if (!before || !message || before.from !== message.from) return false
  const gap = Date.parse(message.at) - Date.parse(before.at)
  return gap >= 0 && gap < GROUP_GAP_MS
}
