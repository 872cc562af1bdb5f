import { useStore } from '@nanostores/preact'
import type { RefObject } from 'preact'
import { useContext, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks'
import { Composer } from './Composer.tsx'
import { Widget } from './context.ts'
import { Header } from './Header.tsx'
import { lockPageScroll } from './lock-page-scroll.ts'
import { MessageList } from './MessageList.tsx'
import { NARROW_VIEWPORT, placePanel } from './position.ts'
import { trapFocus } from './trap-focus.ts'

const isNarrow = () => typeof window !== 'undefined' && window.innerWidth < NARROW_VIEWPORT

/**
 * The chat panel: header, connection state, the conversation, the typing indicator, the composer.
 * Full screen on a narrow viewport, it is modal: focus stays in it and the page under it does not scroll.
 */
export function Panel({ launcher, onClose, closing }: { launcher: RefObject<HTMLElement>; onClose: () => void; closing: boolean }) {
  const { config, stores } = useContext(Widget)
  const session = useStore(stores.$session)
  const waiting = useStore(stores.$waitingForBot)
  const panel = useRef<HTMLElement>(null)
  const [narrow, setNarrow] = useState(isNarrow)

  useEffect(() => {
    const onResize = () => setNarrow(isNarrow())
    window.addEventListener('resize', onResize)
    return () => window.removeEventListener('resize', onResize)
  }, [])
  useLayoutEffect(() => {
    if (narrow || !launcher.current || !panel.current) return
    return placePanel(launcher.current, panel.current, config.side)
  }, [narrow, config.side])
  useEffect(() => {
    if (!narrow || !panel.current) return
    const stops = [trapFocus(panel.current), lockPageScroll(panel.current.ownerDocument)]
    return () => {
      for (const stop of stops) stop()
    }
  }, [narrow])

  const title = session.bot?.name ?? ''
  return (
    <section
      id="doorway-panel"
      ref={panel}
      class={`panel${narrow ? ' full' : ''}${closing ? ' closing' : ''}`}
      // Going, it is no longer there for the keyboard or a screen reader.
      inert={closing}
      dir={config.dir}
      role="dialog"
      aria-modal={narrow}
      aria-labelledby="doorway-title"
    >
      <Header onClose={onClose} />
      {!session.online && (
        <p class="status" role="status">
          {config.strings.offline}
        </p>
      )}
      <MessageList />
      {waiting && (
        <p class="typing" aria-hidden="true">
          <span class="dots">
            <i />
            <i />
            <i />
          </span>
          {/* <bdi>: a bidi control in the bot's name must not reorder the words after it. */}
          <span>
            {title && <bdi>{title}</bdi>} {config.strings.typing}
          </span>
        </p>
      )}
      <Composer />
    </section>
  )
}
