import { useStore } from '@nanostores/preact'
import { useEffect, useState } from 'preact/hooks'
import { Widget, type WidgetContext } from './context.ts'
import { Panel } from './Panel.tsx'

/** How long the panel takes to go (styles.ts, .closing); none when the visitor asks for less motion. */
const CLOSING_MS = 140

/**
 * The chat panel while it is open, beside the loader's launcher (ui/launcher.ts), to which closing
 * gives focus back. Closed, the panel fades out, inert, before it is removed.
 */
export function Chat({ launcher, ...context }: WidgetContext & { launcher: HTMLElement }) {
  const { open } = useStore(context.stores.$panel)
  const [closing, setClosing] = useState(false)
  const [shown, setShown] = useState(open)
  useEffect(() => {
    if (open) {
      setShown(true)
      setClosing(false)
      return
    }
    if (!shown) return
    const still = launcher.ownerDocument.defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)').matches
    if (still) return setShown(false)
    setClosing(true)
    const timer = setTimeout(() => {
      setShown(false)
      setClosing(false)
    }, CLOSING_MS)
    return () => clearTimeout(timer)
  }, [open])
  const close = () => {
    context.actions.close()
    launcher.focus()
  }
  return (
    <Widget.Provider value={context}>
      {(open || shown) && <Panel launcher={{ current: launcher }} onClose={close} closing={closing && !open} />}
    </Widget.Provider>
  )
}
