import { DARK_SURFACE, DEFAULT_ACCENT } from './accent.ts'

// The teaser's colours in the dark scheme, by the names and values of the panel's (ui/styles.ts).
const DARK = `--dw-bg: ${DARK_SURFACE}; --dw-fg: #e6edf3; --dw-line: #3d444d;`

// The loader's CSS, inside the widget's shadow root: the launcher and its teaser (ui/teaser.ts), styled
// before the chat's file (ui/styles.ts) has loaded. `all: initial` cuts the inheritance of fonts and
// colours from the host page. The teaser sits beside the launcher, on its side; inside, it follows the
// widget's direction. Its dismiss button is 44 by 44 px on phones, like the panel's touch targets.
export const LAUNCHER_STYLES = `
:host { all: initial !important; display: contents !important; }
.root {
  all: initial; font: 15px/1.4 var(--dw-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif); color: #1f2328;
  --dw-accent: ${DEFAULT_ACCENT}; --dw-on-accent: #fff; --dw-accent-text: ${DEFAULT_ACCENT};
  --dw-bg: #fff; --dw-fg: #1f2328; --dw-line: #d0d7de;
}
.root *, .root *::before, .root *::after { box-sizing: border-box; }
button, input, textarea, a { font: inherit; color: inherit; }
.launcher, .teaser { position: fixed; bottom: 20px; right: 20px; z-index: 2147483000; box-shadow: 0 4px 14px rgba(0, 0, 0, .25); }
.launcher, .teaser button { border: 0; padding: 0; margin: 0; cursor: pointer; }
.launcher {
  width: 56px; height: 56px; border-radius: 50%;
  display: flex; align-items: center; justify-content: center;
  background: var(--dw-accent); color: var(--dw-on-accent);
}
.side-left .launcher { right: auto; left: 20px; }
.launcher:hover { filter: brightness(.9); }
.launcher:focus-visible, .teaser button:focus-visible { outline: 3px solid #f2b400; outline-offset: 2px; }
.badge {
  position: absolute; top: -2px; right: -2px; min-width: 20px; height: 20px; padding: 0 5px;
  border-radius: 10px; background: #cf222e; color: #fff; font-size: 12px; font-weight: 700;
  line-height: 20px; text-align: center;
}
.teaser {
  bottom: 24px; right: 88px; max-width: min(280px, calc(100vw - 104px)); display: flex;
  background: var(--dw-bg); color: var(--dw-fg); border: 1px solid var(--dw-line); border-radius: var(--dw-radius, 14px);
}
.scheme-dark .teaser { ${DARK} }
@media (prefers-color-scheme: dark) { .root:not(.scheme-light) .teaser { ${DARK} } }
.side-left .teaser { right: auto; left: 88px; }
.teaser button { background: none; border-radius: inherit; }
.teaser .teaser-text { padding: 10px 4px; padding-inline-start: 14px; text-align: start; overflow-wrap: anywhere; }
.teaser .teaser-close { flex: none; width: 32px; height: 32px; font-size: 20px; }
@media (max-width: 480px) { .teaser .teaser-close { width: 44px; height: 44px; } }
`
