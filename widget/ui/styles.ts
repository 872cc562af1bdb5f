import { DARK_SURFACE } from './accent.ts'
import { MESSAGE_STYLES } from './message-styles.ts'

// The dark scheme's colours, at 4.5:1 for text (muted on the canvas 6.4:1); the accent as text is lightened for them (ui/accent.ts).
const DARK = `--dw-bg: ${DARK_SURFACE}; --dw-fg: #e6edf3; --dw-muted: #9198a1; --dw-line: #3d444d; --dw-field: #656c76;
  --dw-canvas: #0d1117; --dw-pending: #12263f; --dw-accent-text: var(--dw-accent-text-dark); color-scheme: dark;`

// The chat panel's CSS, adopted by the widget's shadow root when the chat's file loads, beside
// the launcher's (ui/launcher-styles.ts): the page's CSS cannot reach in, and this cannot leak out.
// The panel's top and left stay physical, as floating-ui (ui/position.ts) writes them; the rest follows
// the panel's direction. Its colours are custom properties, so that one block switches the scheme:
// dark when the site says so (.scheme-dark, embed/theme.ts) or the system does and the site chose no scheme.
// Full screen (.full) is for phones: touch targets of 44 by 44 px at least, and 16 px text in the field,
// under which iOS zooms into it.
export const PANEL_STYLES = `
.option:focus-visible, .close:focus-visible, .composer button:focus-visible, .messages:focus-visible {
  outline: 3px solid #f2b400; outline-offset: 2px;
}
.panel {
  --dw-bg: #fff; --dw-fg: #1f2328; --dw-muted: #57606a; --dw-line: #d0d7de; --dw-field: #8c959f; --dw-canvas: #f6f8fa;
  --dw-pending: #ddf4ff; --dw-r: var(--dw-radius, 14px);
  position: fixed; top: 0; left: 0; z-index: 2147483001; width: 360px; height: 560px;
  /* Above the launcher (20 + 56 px), its 12 px offset and an 8 px margin. */
  max-width: calc(100vw - 16px); max-height: calc(100vh - 96px);
  display: flex; flex-direction: column; background: var(--dw-bg); color: var(--dw-fg); border-radius: var(--dw-r); overflow: hidden;
  box-shadow: 0 12px 40px rgba(0, 0, 0, .22); border: 1px solid var(--dw-line);
  animation: doorway-in .16s ease-out;
}
.scheme-dark .panel { ${DARK} }
@media (prefers-color-scheme: dark) { .root:not(.scheme-light) .panel { ${DARK} } }
.panel.closing { animation: doorway-out .14s ease-in forwards; }
@keyframes doorway-in { from { opacity: 0; transform: translateY(12px) scale(.98); } }
@keyframes doorway-out { to { opacity: 0; transform: translateY(12px) scale(.98); } }
@media (prefers-reduced-motion: reduce) { .panel, .panel.closing, .dots i { animation: none; } }
.panel.full { inset: 0; width: 100%; height: 100%; max-width: none !important; max-height: none !important; border-radius: 0; border: 0; }
.header { display: flex; align-items: center; gap: 10px; padding: 12px 12px 12px 16px; background: var(--dw-accent); color: var(--dw-on-accent); }
.avatar {
  flex: none; width: 36px; height: 36px; border-radius: 50%; overflow: hidden; display: flex; align-items: center; justify-content: center;
  background: var(--dw-on-accent); color: var(--dw-accent); font-weight: 700; font-size: 14px;
}
.avatar img { width: 100%; height: 100%; object-fit: cover; background: #fff; }
.who { flex: 1; min-width: 0; }
.header h2 { margin: 0; font-size: 16px; font-weight: 700; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.presence { margin: 1px 0 0; font-size: 13px; display: flex; align-items: center; gap: 6px; white-space: nowrap; overflow: hidden; }
.tagline { overflow: hidden; text-overflow: ellipsis; }
.dot { flex: none; width: 8px; height: 8px; border-radius: 50%; background: currentColor; opacity: .55; }
.dot.on { background: #2da44e; opacity: 1; box-shadow: 0 0 0 2px var(--dw-on-accent); }
.close { flex: none; border: 0; background: transparent; color: inherit; cursor: pointer; padding: 6px; border-radius: 8px; display: flex; }
.close:hover { background: rgba(127, 127, 127, .25); }
.status { margin: 0; padding: 8px 16px; background: #fff8c5; color: #4d2d00; font-size: 13px; border-bottom: 1px solid #d4a72c; }
.typing { margin: 0; padding: 4px 16px 8px; font-size: 13px; color: var(--dw-muted); background: var(--dw-canvas); display: flex; align-items: center; gap: 8px; }
.dots { display: inline-flex; gap: 3px; }
.dots i { width: 6px; height: 6px; border-radius: 50%; background: var(--dw-field); animation: doorway-blink 1.2s infinite both; }
.dots i:nth-child(2) { animation-delay: .2s; }
.dots i:nth-child(3) { animation-delay: .4s; }
@keyframes doorway-blink { 0%, 80%, 100% { opacity: .3; } 40% { opacity: 1; } }
.composer { display: flex; align-items: flex-end; gap: 8px; padding: 10px; border-top: 1px solid var(--dw-line); background: var(--dw-bg); }
.composer textarea {
  flex: 1; min-width: 0; padding: 9px 14px; border: 1px solid var(--dw-field); border-radius: 18px; background: var(--dw-bg); color: inherit;
  font: inherit; line-height: 20px; resize: none; max-height: 120px; overflow-y: auto; outline: none;
}
.composer textarea::placeholder { color: var(--dw-muted); opacity: 1; }
/* The field has focus as the panel opens: a light ring in the accent, not the 3 px one of the buttons. */
.composer textarea:focus-visible { border-color: var(--dw-accent-text); box-shadow: 0 0 0 1px var(--dw-accent-text); }
.composer button { height: 40px; padding: 0 16px; border: 0; border-radius: 20px; background: var(--dw-accent); color: var(--dw-on-accent); font-weight: 600; cursor: pointer; }
.composer button:disabled { background: var(--dw-field); color: #fff; cursor: default; }
.full .close { padding: 12px; }
.full .option { padding: 12px 16px; }
.full .composer textarea { font-size: 16px; padding-block: 11px; }
.full .composer > * { min-height: 44px; }
${MESSAGE_STYLES}`
