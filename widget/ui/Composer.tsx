import { useContext, useEffect, useRef, useState } from 'preact/hooks'
import { Widget } from './context.ts'

/**
 * The message field and send button; takes focus when the panel opens. Enter sends, Shift+Enter
 * breaks the line (and Enter that ends an input method's composition is the composition's), and
 * the field grows with its lines up to the CSS max-height, then scrolls.
 */
export function Composer() {
  const { actions, config } = useContext(Widget)
  const [text, setText] = useState('')
  const field = useRef<HTMLTextAreaElement>(null)
  useEffect(() => field.current?.focus(), [])
  useEffect(() => {
    const element = field.current
    if (!element) return
    element.style.height = 'auto'
    element.style.height = `${element.scrollHeight + element.offsetHeight - element.clientHeight}px`
  }, [text])
  const submit = (event: Event) => {
    event.preventDefault()
    const value = text.trim()
    if (value === '') return
    actions.send(value)
    setText('')
  }
  return (
    <form class="composer" onSubmit={submit}>
      <textarea
        ref={field}
        rows={1}
        dir="auto"
        value={text}
        maxLength={2000}
        aria-label={config.strings.placeholder}
        placeholder={config.strings.placeholder}
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) submit(event)
        }}
        autoComplete="off"
      />
      <button type="submit" disabled={text.trim() === ''}>
        {config.strings.send}
      </button>
    </form>
  )
}
