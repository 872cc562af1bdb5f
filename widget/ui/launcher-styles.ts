import { DEFAULT_ACCENT } from './accent.ts'

// The loader's CSS, inside the widget's shadow root: the launcher, styled before the chat's file
// (ui/styles.ts) has loaded. `all: initial` cuts the inheritance of fonts and colours from the host page.
export const LAUNCHER_STYLES = `
:host { all: initial !important; display: contents !important; }
.root {
  all: initial; font: 15px/1.4 var(--dw-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif); color: #1f2328;
  --dw-accent: ${DEFAULT_ACCENT}; --dw-on-accent: #fff; --dw-accent-text: ${DEFAULT_ACCENT};
}
.root *, .root *::before, .root *::after { box-sizing: border-box; }
button, input, textarea, a { font: inherit; color: inherit; }
.launcher {
  position: fixed; bottom: 20px; right: 20px; z-index: 2147483000;
  width: 56px; height: 56px; border-radius: 50%; border: 0; padding: 0; margin: 0;
  display: flex; align-items: center; justify-content: center; cursor: pointer;
  background: var(--dw-accent); color: var(--dw-on-accent); box-shadow: 0 4px 14px rgba(0, 0, 0, .25);
}
.side-left .launcher { right: auto; left: 20px; }
.launcher:hover { filter: brightness(.9); }
.launcher:focus-visible { outline: 3px solid #f2b400; outline-offset: 2px; }
.badge {
  position: absolute; top: -2px; right: -2px; min-width: 20px; height: 20px; padding: 0 5px;
  border-radius: 10px; background: #cf222e; color: #fff; font-size: 12px; font-weight: 700;
  line-height: 20px; text-align: center;
}
`
