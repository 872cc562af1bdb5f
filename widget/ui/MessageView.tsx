import { useContext } from 'preact/hooks'
import type { ChatMessage, ChatOption } from '../transport/protocol.ts'
import { safeUrl, Widget } from './context.ts'
import { messageTime, type TimeFormats } from './time.ts'

/** The classes of a message that starts or ends its group (ui/time.ts, sameGroup): its corners show the grouping. */
export const groupEdges = (start: boolean, end: boolean) => `${start ? ' start' : ''}${end ? ' end' : ''}`

/**
 * One message. Bot text is rendered as text, never as HTML, each string isolated (dir="auto") from
 * the panel's direction. The last of a group shows the group's time, in full on hover.
 */
export function MessageView({
  message,
  latest,
  start,
  end,
  formats,
}: {
  message: ChatMessage
  latest: boolean
  start: boolean
  end: boolean
  /** The locale's time formats, once made (ui/time.ts); until then, no time. */
  formats: TimeFormats | null
}) {
  const { config } = useContext(Widget)
  const image = message.image ?? (message.card?.image ? { url: message.card.image, alt: '' } : undefined)
  const src = safeUrl(image?.url, config.assetBase)
  // Quick replies answer the latest question only; buttons and cards stay usable.
  const options = message.kind === 'quick_replies' && !latest ? [] : (message.options ?? [])
  const time = end && formats ? messageTime(message.at, formats) : null
  // The kind is suffixed: as a bare class, `image` or `card` would also style the message as its picture or card.
  return (
    <li class={`message ${message.from} ${message.kind}-message${groupEdges(start, end)}`} data-seq={message.seq}>
      {message.kind === 'card' && message.card ? (
        <div class="card">
          {src && <img src={src} alt={image?.alt ?? ''} loading="lazy" />}
          <p class="card-title" dir="auto">
            {message.card.title}
          </p>
          {message.card.subtitle && (
            <p class="card-subtitle" dir="auto">
              {message.card.subtitle}
            </p>
          )}
        </div>
      ) : message.kind === 'image' ? (
        src && <img class="image" src={src} alt={image?.alt ?? ''} loading="lazy" />
      ) : (
        message.text !== undefined && (
          <p class="bubble" dir="auto">
            {message.text}
          </p>
        )
      )}
      {options.length > 0 && (
        <div class={message.kind === 'quick_replies' ? 'replies' : 'buttons'}>
          {options.map((option) => (
            <Option key={option.index} option={option} seq={message.seq} />
          ))}
        </div>
      )}
      {time && (
        <time class="time" dateTime={message.at} title={time.full}>
          {time.short}
        </time>
      )}
    </li>
  )
}

function Option({ option, seq }: { option: ChatOption; seq: number }) {
  const { actions, config } = useContext(Widget)
  if (option.url !== undefined) {
    const href = safeUrl(option.url, config.assetBase)
    return href ? (
      <a
        class="option"
        dir="auto"
        href={href}
        target="_blank"
        rel="noopener noreferrer"
        aria-label={`${option.title} (${config.strings.opensInNewTab})`}
      >
        {option.title}
      </a>
    ) : null
  }
  return (
    <button
      type="button"
      class="option"
      dir="auto"
      onClick={(event) => {
        // A quick reply disappears once answered: keep focus in the panel, on the composer.
        ;(event.currentTarget.closest('.panel')?.querySelector('.composer textarea') as HTMLElement | null)?.focus()
        actions.choose(seq, option.index)
      }}
    >
      {option.title}
    </button>
  )
}
