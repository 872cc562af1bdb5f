import { useStore } from '@nanostores/preact'
import { useContext, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks'
import { Widget } from './context.ts'
import { groupEdges, MessageView } from './MessageView.tsx'
import { sameGroup, type TimeFormats, timeFormats, whenIdle } from './time.ts'

/** How many messages are rendered at the newest, and added at a time as the visitor scrolls. */
const PAGE = 25
/** The most rendered at once while the visitor reads back: each step then costs the same, however far back. */
const MOST = 4 * PAGE

/**
 * The conversation, announced to screen readers as it grows (role="log"). Only a window of it
 * is rendered, so that a history of thousands opens at once: its last messages, then, as the
 * visitor scrolls, earlier or later ones, keeping in place what is in view. The log is quiet
 * while the visitor reads back, until the next message takes the list back to the newest.
 */
export function MessageList() {
  const { config, stores } = useContext(Widget)
  const messages = useStore(stores.$messages)
  const outbox = useStore(stores.$outbox)
  const list = useRef<HTMLDivElement>(null)
  // The messages [from, to) the visitor scrolled to, and what the list held then: valid until something arrives or is sent.
  const [shown, setShown] = useState<[number, number, string]>([0, 0, ''])
  // A message kept across a change of the window, and how far below the top of the view it was before.
  const anchor = useRef<[number, number] | null>(null)
  // The times: Intl's first date format costs a task of its own (ui/time.ts), made when the browser
  // is idle, and the times are drawn in the next task, so that neither adds to another.
  const [formats, setFormats] = useState<TimeFormats | null>(null)
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const cancel = whenIdle(() => {
      const made = timeFormats(config.locale)
      timer = setTimeout(() => setFormats(made), 0)
    })
    return () => {
      cancel()
      clearTimeout(timer)
    }
  }, [config.locale])
  const pending = outbox.flatMap((item) =>
    item.kind === 'message' && item.body.text !== undefined ? [{ id: item.id, text: item.body.text, attempts: item.attempts }] : [],
  )
  const last = messages[messages.length - 1]
  const held = `${messages.length} ${pending.length}`
  const reading = shown[2] === held
  const to = reading ? shown[1] : messages.length
  const from = reading ? shown[0] : Math.max(0, to - PAGE)
  const element = () => list.current as HTMLDivElement
  const place = (seq: number) => element().querySelector<HTMLElement>(`[data-seq="${seq}"]`)

  // Less than a screen left above or below what is in view: PAGE more there, at most MOST in all.
  const scroll = () => {
    const { scrollTop, scrollHeight, clientHeight } = element()
    const up = from > 0 && scrollTop < clientHeight
    if (anchor.current || (!up && (to === messages.length || scrollHeight - scrollTop > 2 * clientHeight))) return
    const seq = messages[up ? from : to - 1].seq
    anchor.current = [seq, (place(seq)?.offsetTop ?? scrollTop) - scrollTop]
    const next = up ? Math.max(0, from - PAGE) : Math.min(messages.length, to + PAGE)
    setShown([up ? next : Math.max(from, next - MOST), up ? Math.min(to, next + MOST) : next, held])
  }
  // Before paint: at the newest message when one arrives, else where the visitor was.
  useLayoutEffect(() => {
    const kept = anchor.current && place(anchor.current[0])
    element().scrollTop = kept ? kept.offsetTop - (anchor.current as [number, number])[1] : element().scrollHeight
    anchor.current = null
  }, [messages.length, pending.length, from, to, formats])

  // The log wraps the list: role="log" on the <ol> would take its items out of a list (axe: listitem, aria-allowed-role).
  return (
    <div
      class="messages"
      ref={list}
      role="log"
      aria-live={reading ? 'off' : 'polite'}
      aria-relevant="additions"
      aria-label={config.strings.conversation}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to be scrolled
      tabIndex={0}
      onScroll={scroll}
    >
      <ol>
        {messages.slice(from, to).map((message, i) => (
          <MessageView
            key={message.seq}
            message={message}
            latest={message === last}
            start={!sameGroup(messages[from + i - 1], message)}
            end={!sameGroup(message, messages[from + i + 1])}
            formats={formats}
          />
        ))}
        {pending.map((item, i) => (
          <li key={item.id} class={`message visitor pending${groupEdges(i === 0 && last?.from !== 'visitor', i === pending.length - 1)}`}>
            <p class="bubble" dir="auto">
              {item.text}
            </p>
            <span class="note">{item.attempts > 0 ? config.strings.retrying : config.strings.sending}</span>
          </li>
        ))}
      </ol>
    </div>
  )
}
