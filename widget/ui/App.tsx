import { useStore } from '@nanostores/preact'
import { useRef } from 'preact/hooks'
import { $panel } from '../state/panel.ts'
import { Widget, type WidgetContext } from './context.ts'
import { Launcher } from './Launcher.tsx'
import { Panel } from './Panel.tsx'

/** The whole widget: the launcher, and the panel while it is open. */
export function App(props: WidgetContext) {
  const { open } = useStore($panel)
  const launcher = useRef<HTMLButtonElement>(null)
  const close = () => {
    props.actions.close()
    launcher.current?.focus()
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.stopPropagation()
      close()
    }
  }
  return (
    <Widget.Provider value={props}>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: Escape is caught here for every control of the widget, launcher included */}
      <div class={`root side-${props.config.side}`} onKeyDown={onKeyDown}>
        <Launcher buttonRef={launcher} />
        {open && <Panel launcher={launcher} onClose={close} />}
      </div>
    </Widget.Provider>
  )
}
