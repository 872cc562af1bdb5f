import { useContext } from 'preact/hooks'
import type { ChatMessage, ChatOption } from '../transport/protocol.ts'
import { safeUrl, Widget } from './context.ts'

/** One message. Bot text is rendered as text, never as HTML, each string isolated (dir="auto") from the panel's direction. */
export function MessageView({ message, latest }: { message: ChatMessage; latest: boolean }) {
  const { config } = useContext(Widget)
  const image = message.image ?? (message.card?.image ? { url: message.card.image, alt: '' } : undefined)
  const src = safeUrl(image?.url, config.assetBase)
  // Quick replies answer the latest question only; buttons and cards stay usable.
  const options = message.kind === 'quick_replies' && !latest ? [] : (message.options ?? [])
  return (
    <li class={`message ${message.from} ${message.kind}`} data-seq={message.seq}>
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
        ;(event.currentTarget.closest('.panel')?.querySelector('.composer input') as HTMLElement | null)?.focus()
        actions.choose(seq, option.index)
      }}
    >
      {option.title}
    </button>
  )
}
