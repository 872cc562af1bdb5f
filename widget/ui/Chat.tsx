import { useStore } from '@nanostores/preact'
import { Widget, type WidgetContext } from './context.ts'
import { Panel } from './Panel.tsx'

/** The chat panel while it is open, beside the loader's launcher (ui/launcher.ts), to which closing gives focus back. */
export function Chat({ launcher, ...context }: WidgetContext & { launcher: HTMLElement }) {
  const { open } = useStore(context.stores.$panel)
  const close = () => {
    context.actions.close()
    launcher.focus()
  }
  return <Widget.Provider value={context}>{open && <Panel launcher={{ current: launcher }} onClose={close} />}</Widget.Provider>
}
