import type { BuilderForm } from './builder-form.ts'
import { FormField } from './FormField.tsx'

/** Signing the web link with the bot's secret, on the server, and how long the signature lasts. */
export function SignPicker({
  form,
  problems,
  signable,
  onChange,
}: {
  form: BuilderForm
  problems: Record<string, string>
  signable: boolean
  onChange: (change: Partial<BuilderForm>) => void
}) {
  return (
    <section aria-labelledby="sign-heading">
      <h2 id="sign-heading">Signing</h2>
      <p class="row">
        <input
          id="sign"
          type="checkbox"
          checked={form.sign}
          aria-invalid={problems.sign ? 'true' : 'false'}
          aria-describedby={problems.sign ? 'sign-problem' : 'sign-hint'}
          onChange={(e) => onChange({ sign: e.currentTarget.checked })}
        />
        <label for="sign">Sign the web link with the bot's secret</label>
      </p>
      <p id="sign-hint" class="hint">
        {signable
          ? 'The server signs it; the secret never reaches this page. Only the widget checks signatures, so only the web link is signed.'
          : 'This bot has no signing secret.'}
      </p>
      {problems.sign && (
        <p id="sign-problem" class="problem">
          {problems.sign}
        </p>
      )}
      {form.sign && (
        <FormField id="ttl" label="Expires after (hours)" problem={problems.ttl}>
          {(control) => (
            <input
              {...control}
              type="number"
              min="1"
              step="1"
              value={form.ttlHours}
              onInput={(e) => onChange({ ttlHours: e.currentTarget.value })}
            />
          )}
        </FormField>
      )}
    </section>
  )
}
