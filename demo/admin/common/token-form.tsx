import { useStore } from '@nanostores/preact'
import { useState } from 'preact/hooks'
import { $tokenRefusal, rememberToken } from './admin-token.ts'

/** Asks for ADMIN_TOKEN: a password field, kept for this tab only, never put in the address. */
export function TokenForm() {
  const refusal = useStore($tokenRefusal)
  const [problem, setProblem] = useState<string | null>(null)
  const onSubmit = (event: Event) => {
    event.preventDefault()
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem('admin-token') as HTMLInputElement
    const token = input.value.trim()
    if (token === '') return setProblem('Enter the admin token: `npm run demo` prints it, or reads it from ADMIN_TOKEN.')
    if (/\s/.test(token)) return setProblem('An admin token has no spaces; paste it exactly as printed.')
    setProblem(null)
    rememberToken(token)
  }
  const message = problem ?? refusal
  return (
    // method="post" and no action: were the script to fail, the token would still never land in the address.
    <form class="token-form" method="post" onSubmit={onSubmit} noValidate>
      <h2>Admin token</h2>
      <p>These pages call the admin API. The token stays in this tab only and is forgotten when the tab closes.</p>
      <label for="admin-token">ADMIN_TOKEN</label>
      <input
        id="admin-token"
        name="admin-token"
        type="password"
        autocomplete="off"
        spellcheck={false}
        aria-invalid={message ? 'true' : 'false'}
        aria-describedby={message ? 'admin-token-problem' : undefined}
      />
      {message && (
        <p id="admin-token-problem" class="problem" role="alert">
          {message}
        </p>
      )}
      <button type="submit">Continue</button>
    </form>
  )
}
