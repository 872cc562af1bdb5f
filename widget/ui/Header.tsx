import { useStore } from '@nanostores/preact'
import { useContext, useState } from 'preact/hooks'
import { safeUrl, Widget } from './context.ts'

/** Up to two letters for a name, from its first two words, for a bot without an avatar: "Doorway Shoes" → "DS". */
export function initialsOf(name: string): string {
  return name
    .split(/\s+/)
    .filter((word) => /^\p{L}|^\p{N}/u.test(word))
    .slice(0, 2)
    .map((word) => String.fromCodePoint(word.codePointAt(0) as number).toUpperCase())
    .join('')
}

/** The panel's header: the bot's avatar (or its initials), its name, how the connection is, and the close button. */
export function Header({ onClose }: { onClose: () => void }) {
  const { config, stores } = useContext(Widget)
  const session = useStore(stores.$session)
  const [broken, setBroken] = useState('')
  const { strings } = config
  const title = session.bot?.name ?? ''
  const avatar = safeUrl(session.bot?.avatar, config.assetBase)
  const status = !session.online ? strings.offlineShort : session.status === 'ready' ? strings.online : strings.connecting
  return (
    <header class="header">
      {/* Decorative: the name beside it says who it is. */}
      <span class="avatar" aria-hidden="true">
        {avatar && avatar !== broken ? (
          <img src={avatar} alt="" onError={() => setBroken(avatar)} />
        ) : (
          <bdi>{initialsOf(title || strings.conversation)}</bdi>
        )}
      </span>
      <div class="who">
        <h2 id="doorway-title" dir="auto">
          {title || strings.conversation}
        </h2>
        <p class="presence">
          <i class={session.online && session.status === 'ready' ? 'dot on' : 'dot'} />
          {status}
          {session.bot?.tagline && (
            <>
              {' · '}
              <bdi class="tagline">{session.bot.tagline}</bdi>
            </>
          )}
        </p>
      </div>
      <button type="button" class="close" aria-label={strings.closeChat} onClick={onClose}>
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" fill="none" />
        </svg>
      </button>
    </header>
  )
}
