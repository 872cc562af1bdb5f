// The floor of `npm run bench:boot`: the least a launcher on the widget's own stack can cost.
// One Preact button in a shadow root, its state in a nanostores atom, a label placed by
// floating-ui, styled by a constructable sheet as the loader's launcher is (ui/adopt-styles.ts).
import { computePosition, flip, offset, shift } from '@floating-ui/dom'
import { useStore } from '@nanostores/preact'
import { atom } from 'nanostores'
import { render } from 'preact'
import { useLayoutEffect, useRef } from 'preact/hooks'

const $open = atom(false)

const CSS = `
:host { all: initial; }
.launcher {
  position: fixed; bottom: 20px; right: 20px; z-index: 2147483000;
  width: 56px; height: 56px; border-radius: 50%; border: 0; padding: 0;
  display: flex; align-items: center; justify-content: center; cursor: pointer;
  background: #1f6feb; color: #fff; box-shadow: 0 4px 14px rgba(0, 0, 0, .25);
}
.label { position: fixed; font: 13px system-ui, sans-serif; padding: 4px 8px; border-radius: 6px; background: #1f2328; color: #fff; }
.label[data-hidden] { visibility: hidden; }
`

function Launcher() {
  const open = useStore($open)
  const button = useRef<HTMLButtonElement>(null)
  const label = useRef<HTMLSpanElement>(null)
  useLayoutEffect(() => {
    const anchor = button.current
    const floating = label.current
    if (!anchor || !floating) return
    computePosition(anchor, floating, {
      placement: 'top-end',
      strategy: 'fixed',
      middleware: [offset(8), flip(), shift({ padding: 8 })],
    }).then(({ x, y }) => Object.assign(floating.style, { left: `${x}px`, top: `${y}px` }))
  }, [open])
  return (
    <>
      <button type="button" class="launcher" ref={button} aria-label="Open chat" aria-expanded={open} onClick={() => $open.set(!open)}>
        <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true">
          <path
            fill="currentColor"
            d="M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.5 4v-4A2.5 2.5 0 0 1 3 13.5z"
          />
        </svg>
      </button>
      <span class="label" ref={label} data-hidden={open ? undefined : ''}>
        Chat with us
      </span>
    </>
  )
}

const host = document.createElement('doorway-floor')
const shadow = host.attachShadow({ mode: 'open' })
const sheet = new CSSStyleSheet()
sheet.replaceSync(CSS)
shadow.adoptedStyleSheets = [sheet]
render(<Launcher />, shadow)
document.body.append(host)
