import { useStore } from '@nanostores/preact'
import { useContext, useEffect, useRef } from 'preact/hooks'
import { Widget } from './context.ts'
import { MessageView } from './MessageView.tsx'

/** The conversation, announced to screen readers as it grows (role="log"). */
export function MessageList() {
  const { config, stores } = useContext(Widget)
  const messages = useStore(stores.$messages)
  const outbox = useStore(stores.$outbox)
  const list = useRef<HTMLOListElement>(null)
  const pending = outbox.flatMap((item) =>
    item.kind === 'message' && item.body.text !== undefined ? [{ id: item.id, text: item.body.text, attempts: item.attempts }] : [],
  )
  const last = messages[messages.length - 1]

  useEffect(() => {
    const element = list.current
    if (element) element.scrollTop = element.scrollHeight
  }, [messages.length, pending.length])

  return (
    <ol
      class="messages"
      ref={list}
      role="log"
      aria-live="polite"
      aria-relevant="additions"
      aria-label={config.strings.conversation}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to be scrolled
      tabIndex={0}
    >
      {messages.map((message) => (
        <MessageView key={message.seq} message={message} latest={message === last} />
      ))}
      {pending.map((item) => (
        <li key={item.id} class="message visitor pending">
          <p class="bubble">{item.text}</p>
          <span class="note">{item.attempts > 0 ? config.strings.retrying : config.strings.sending}</span>
        </li>
      ))}
    </ol>
  )
}
