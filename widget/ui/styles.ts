// The chat panel's CSS, adopted by the widget's shadow root when the chat's file loads, beside
// the launcher's (ui/launcher-styles.ts): the page's CSS cannot reach in, and this cannot leak out.
// The panel's top and left stay physical, as floating-ui (ui/position.ts) writes them; the rest follows
// the panel's direction. A message not yet sent is pale and dashed, not faded (faded, it fails 4.5:1).
// Full screen (.full) is for phones: touch targets of 44 by 44 px at least, and 16 px text in the field,
// under which iOS zooms into it.
export const PANEL_STYLES = `
.option:focus-visible, .close:focus-visible, .composer button:focus-visible, .composer input:focus-visible, .messages:focus-visible {
  outline: 3px solid #f2b400; outline-offset: 2px;
}
.panel {
  position: fixed; top: 0; left: 0; z-index: 2147483001; width: 360px; height: 560px;
  /* Above the launcher (20 + 56 px), its 12 px offset and an 8 px margin. */
  max-width: calc(100vw - 16px); max-height: calc(100vh - 96px);
  display: flex; flex-direction: column; background: #fff; border-radius: 14px; overflow: hidden;
  box-shadow: 0 12px 40px rgba(0, 0, 0, .22); border: 1px solid #d0d7de;
}
.panel.full { inset: 0; width: 100%; height: 100%; max-width: none !important; max-height: none !important; border-radius: 0; border: 0; }
.header { display: flex; align-items: center; justify-content: space-between; gap: 12px; padding: 14px 16px; background: var(--dw-accent); color: var(--dw-on-accent); }
.header h2 { margin: 0; font-size: 16px; font-weight: 700; }
.tagline { margin: 2px 0 0; font-size: 13px; }
.close { border: 0; background: transparent; color: inherit; cursor: pointer; padding: 6px; border-radius: 8px; display: flex; }
.close:hover { background: rgba(255, 255, 255, .15); }
.status { margin: 0; padding: 8px 16px; background: #fff8c5; color: #4d2d00; font-size: 13px; border-bottom: 1px solid #d4a72c; }
.messages { flex: 1; overflow-y: auto; overscroll-behavior: contain; padding: 12px; background: #f6f8fa; }
.messages ol { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; }
.message { display: flex; flex-direction: column; align-items: flex-start; gap: 6px; max-width: 85%; flex-shrink: 0; }
.message.card { width: 85%; }
.message.card .card { align-self: stretch; }
.message.visitor { align-self: flex-end; align-items: flex-end; }
.bubble { margin: 0; padding: 8px 12px; border-radius: 14px; background: #fff; border: 1px solid #d0d7de; white-space: pre-wrap; overflow-wrap: anywhere; }
.visitor .bubble { background: var(--dw-accent); color: var(--dw-on-accent); border-color: var(--dw-accent); }
.pending .bubble { background: #ddf4ff; color: #1f2328; border-style: dashed; }
.note { font-size: 12px; color: #57606a; }
.replies { display: flex; flex-wrap: wrap; gap: 6px; }
.buttons { display: flex; flex-direction: column; gap: 6px; align-self: stretch; }
.option {
  display: block; padding: 7px 12px; border-radius: 16px; border: 1px solid var(--dw-accent-text); background: #fff;
  color: var(--dw-accent-text); cursor: pointer; text-decoration: none; text-align: center; font-size: 14px;
}
.option:hover { background: var(--dw-accent); color: var(--dw-on-accent); border-color: var(--dw-accent); }
.image, .card img { display: block; max-width: 100%; border-radius: 12px; border: 1px solid #d0d7de; background: #fff; }
.card { background: #fff; border: 1px solid #d0d7de; border-radius: 12px; overflow: hidden; }
.card img { border: 0; border-radius: 0; }
.card-title { margin: 8px 12px 0; font-weight: 700; }
.card-subtitle { margin: 2px 12px 10px; font-size: 13px; color: #57606a; }
.typing { margin: 0; padding: 4px 16px 8px; font-size: 13px; color: #57606a; background: #f6f8fa; display: flex; align-items: center; gap: 8px; }
.dots { display: inline-flex; gap: 3px; }
.dots i { width: 6px; height: 6px; border-radius: 50%; background: #8c959f; animation: doorway-blink 1.2s infinite both; }
.dots i:nth-child(2) { animation-delay: .2s; }
.dots i:nth-child(3) { animation-delay: .4s; }
@keyframes doorway-blink { 0%, 80%, 100% { opacity: .3; } 40% { opacity: 1; } }
@media (prefers-reduced-motion: reduce) { .dots i { animation: none; } }
.composer { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #d0d7de; background: #fff; }
.composer input { flex: 1; min-width: 0; padding: 9px 12px; border: 1px solid #8c959f; border-radius: 18px; background: #fff; outline: none; }
.composer button { padding: 0 16px; border: 0; border-radius: 18px; background: var(--dw-accent); color: var(--dw-on-accent); font-weight: 600; cursor: pointer; }
.composer button:disabled { background: #8c959f; cursor: default; }
.full .close { padding: 12px; }
.full .option { padding: 12px 16px; }
.full .composer input { font-size: 16px; }
.full .composer > * { min-height: 44px; }
`
