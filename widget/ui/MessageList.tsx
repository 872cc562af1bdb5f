import { useStore } from '@nanostores/preact'
import type { VNode } from 'preact'
import { useContext, useLayoutEffect, useRef, useState } from 'preact/hooks'
import type { ChatMessage } from '../transport/protocol.ts'
import { Widget } from './context.ts'
import { MessageView } from './MessageView.tsx'

/** How many messages are rendered at first, and added above each time the visitor nears the top. */
const PAGE = 25

/**
 * The conversation, announced to screen readers as it grows (role="log"). Only its last
 * messages are rendered, so that a history of thousands opens at once; scrolling up renders
 * earlier ones above, keeping in view what was in view, and unannounced: the log is quiet
 * while it shows them, until the next message arrives and takes the list back to the newest.
 */
export function MessageList() {
  const { config, stores } = useContext(Widget)
  const messages = useStore(stores.$messages)
  const outbox = useStore(stores.$outbox)
  const list = useRef<HTMLOListElement>(null)
  // How many earlier messages the visitor asked for, and how many messages there were then.
  const [earlier, setEarlier] = useState([0, 0])
  // The distance from the bottom to keep while earlier messages are added above.
  const fromBottom = useRef(0)
  const views = useRef(new WeakMap<ChatMessage, VNode>()).current
  const pending = outbox.flatMap((item) =>
    item.kind === 'message' && item.body.text !== undefined ? [{ id: item.id, text: item.body.text, attempts: item.attempts }] : [],
  )
  const last = messages[messages.length - 1]
  const extra = earlier[1] === messages.length ? earlier[0] : 0
  const first = Math.max(0, messages.length - PAGE - extra)

  // Earlier messages are added once the visitor scrolls to less than a screen of them above what is in view.
  const more = () => {
    const element = list.current as HTMLOListElement
    if (first > 0 && !fromBottom.current && element.scrollTop < element.clientHeight) {
      fromBottom.current = element.scrollHeight - element.scrollTop
      setEarlier([extra + PAGE, messages.length])
    }
  }
  // Before paint: at the newest message when one arrives, else where the visitor was.
  useLayoutEffect(() => {
    const element = list.current as HTMLOListElement
    element.scrollTop = element.scrollHeight - fromBottom.current
    fromBottom.current = 0
  }, [messages.length, pending.length, extra])

  return (
    <ol
      class="messages"
      ref={list}
      role="log"
      aria-live={extra ? 'off' : 'polite'}
      aria-relevant="additions"
      aria-label={config.strings.conversation}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to be scrolled
      tabIndex={0}
      onScroll={more}
    >
      {messages.slice(first).map((message) => {
        if (message === last) return <MessageView key={message.seq} message={message} latest />
        // The same element for a message already shown: Preact skips it, so adding earlier ones costs only theirs.
        const view = views.get(message) ?? <MessageView key={message.seq} message={message} latest={false} />
        views.set(message, view)
        return view
      })}
      {pending.map((item) => (
        <li key={item.id} class="message visitor pending">
          <p class="bubble">{item.text}</p>
          <span class="note">{item.attempts > 0 ? config.strings.retrying : config.strings.sending}</span>
        </li>
      ))}
    </ol>
  )
}
