import { useContext, useEffect, useRef, useState } from 'preact/hooks'
import { Widget } from './context.ts'

/** The text field and send button; takes focus when the panel opens. */
export function Composer() {
  const { actions, config } = useContext(Widget)
  const [text, setText] = useState('')
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => input.current?.focus(), [])
  const submit = (event: Event) => {
    event.preventDefault()
    const value = text.trim()
    if (value === '') return
    actions.send(value)
    setText('')
  }
  return (
    <form class="composer" onSubmit={submit}>
      <input
        ref={input}
        type="text"
        dir="auto"
        value={text}
        maxLength={2000}
        aria-label={config.strings.placeholder}
        placeholder={config.strings.placeholder}
        onInput={(event) => setText((event.currentTarget as HTMLInputElement).value)}
        autoComplete="off"
      />
      <button type="submit" disabled={text.trim() === ''}>
        {config.strings.send}
      </button>
    </form>
  )
}
