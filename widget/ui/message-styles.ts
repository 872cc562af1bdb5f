// The conversation's CSS (part of ui/styles.ts). Messages of one sender a few minutes apart are
// a group (ui/time.ts): close together, the corners on the sender's side small but the group's
// first, and the time under its last. Bubbles, cards and images share one radius and one width.
export const MESSAGE_STYLES = `
.messages { flex: 1; overflow-y: auto; overscroll-behavior: contain; padding: 12px; background: var(--dw-canvas); }
.messages ol { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 2px; }
.message { display: flex; flex-direction: column; align-items: flex-start; gap: 6px; max-width: 85%; flex-shrink: 0; }
.message.start:not(:first-child) { margin-block-start: 10px; }
.message.card-message, .message.image-message { width: 85%; }
/* Chips use the whole width, so that two or three share a line. */
.message.quick_replies-message { max-width: 100%; }
.visitor { align-self: flex-end; align-items: flex-end; }
.bubble {
  margin: 0; padding: 8px 12px; border-radius: var(--dw-r); background: var(--dw-bg); border: 1px solid var(--dw-line);
  white-space: pre-wrap; overflow-wrap: anywhere;
}
.bot .bubble { border-start-start-radius: 4px; border-end-start-radius: 4px; }
.bot.start .bubble { border-start-start-radius: var(--dw-r); }
.visitor .bubble { background: var(--dw-accent); color: var(--dw-on-accent); border-color: var(--dw-accent); border-start-end-radius: 4px; border-end-end-radius: 4px; }
.visitor.start .bubble { border-start-end-radius: var(--dw-r); }
/* Not yet sent: pale and dashed, not faded (faded, it fails 4.5:1). */
.pending .bubble { background: var(--dw-pending); color: var(--dw-fg); border-style: dashed; border-color: var(--dw-field); }
.note, .time { font-size: 12px; color: var(--dw-muted); padding-inline: 4px; }
.replies { display: flex; flex-wrap: wrap; gap: 6px; }
.buttons { display: flex; flex-direction: column; gap: 6px; align-self: stretch; }
.option {
  display: block; padding: 7px 14px; border-radius: 999px; border: 1px solid var(--dw-accent-text); background: var(--dw-bg);
  color: var(--dw-accent-text); cursor: pointer; text-decoration: none; text-align: center; font-size: 14px; line-height: 20px;
}
.buttons .option { border-radius: calc(var(--dw-r) * .7); }
.option:hover { background: var(--dw-accent); color: var(--dw-on-accent); border-color: var(--dw-accent); }
.image, .card { display: block; width: 100%; border-radius: var(--dw-r); border: 1px solid var(--dw-line); background: var(--dw-bg); overflow: hidden; }
.image { height: auto; }
.card img { display: block; width: 100%; height: auto; }
.card-title { margin: 8px 12px 0; font-weight: 700; }
.card-subtitle { margin: 2px 12px 10px; font-size: 13px; color: var(--dw-muted); }
`
