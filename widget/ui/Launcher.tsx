import { useStore } from '@nanostores/preact'
import type { RefObject } from 'preact'
import { useContext } from 'preact/hooks'
import { $panel, $unread } from '../state/panel.ts'
import { Widget } from './context.ts'

/** The round button that opens and closes the chat, with the unread badge. */
export function Launcher({ buttonRef }: { buttonRef: RefObject<HTMLButtonElement> }) {
  const { actions, config } = useContext(Widget)
  const { open } = useStore($panel)
  const unread = useStore($unread)
  const label = open
    ? config.strings.closeChat
    : unread > 0
      ? `${config.strings.openChat}, ${config.strings.unread(unread)}`
      : config.strings.openChat
  return (
    <button
      ref={buttonRef}
      type="button"
      class="launcher"
      aria-label={label}
      aria-expanded={open}
      aria-controls="doorway-panel"
      onClick={() => (open ? actions.close() : actions.open())}
    >
      <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true">
        {open ? (
          <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" fill="none" />
        ) : (
          <path
            d="M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.5 4v-4h0A2.5 2.5 0 0 1 3 13.5z"
            fill="currentColor"
          />
        )}
      </svg>
      {unread > 0 && !open && (
        <span class="badge" aria-hidden="true">
          {unread > 9 ? '9+' : unread}
        </span>
      )}
    </button>
  )
}
