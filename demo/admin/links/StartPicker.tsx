import type { BotDefinitions } from '../../http/bot-definitions.ts'
import type { BuilderForm } from './builder-form.ts'
import { DIALECTS } from './builder-form.ts'
import { FormField } from './FormField.tsx'

const DIALECT_HINTS: Record<string, string> = {
  auto: 'each channel gets the first dialect it can carry',
  dashed: 'FLOW9--coupon--SAVE10: readable, no blocks or variables',
  segments: 'bs_ref segments: blocks and variables too',
  base64json: 'Base64 JSON: letters and digits only',
}

/** The bot, where the chat starts (an entry link and its payload, or a block), and the dialect. */
export function StartPicker({
  bots,
  form,
  problems,
  onChange,
}: {
  bots: BotDefinitions[]
  form: BuilderForm
  problems: Record<string, string>
  onChange: (change: Partial<BuilderForm>) => void
}) {
  const bot = bots.find((b) => b.id === form.bot) ?? bots[0]
  const link = form.start.startsWith('link:') ? bot.links.find((l) => `link:${l.name}` === form.start) : undefined
  return (
    <section aria-labelledby="start-heading">
      <h2 id="start-heading">Where the chat starts</h2>
      <div class="grid">
        <FormField id="bot" label="Bot">
          {(control) => (
            <select {...control} value={form.bot} onChange={(e) => onChange({ bot: e.currentTarget.value })}>
              {bots.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name} ({b.id})
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="start" label="Entry link or block" problem={problems.start} hint="an entry link is counted in the results">
          {(control) => (
            <select {...control} value={form.start} onChange={(e) => onChange({ start: e.currentTarget.value, payload: '' })}>
              <option value="">The bot's default block ({'no entry link'})</option>
              <optgroup label="Entry links">
                {bot.links.map((l) => (
                  <option key={l.name} value={`link:${l.name}`}>
                    {l.name} (starts at {l.start})
                  </option>
                ))}
              </optgroup>
              <optgroup label="Blocks">
                {bot.blocks.map((name) => (
                  <option key={name} value={`block:${name}`}>
                    {name}
                  </option>
                ))}
              </optgroup>
            </select>
          )}
        </FormField>
        {link && (
          <FormField id="payload" label="Payload (optional)" problem={problems.payload} hint={`saved to the field ${link.payloadField}`}>
            {(control) => (
              <input {...control} type="text" value={form.payload} onInput={(e) => onChange({ payload: e.currentTarget.value })} />
            )}
          </FormField>
        )}
        <FormField id="dialect" label="Dialect" hint={DIALECT_HINTS[form.dialect]}>
          {(control) => (
            <select
              {...control}
              value={form.dialect}
              onChange={(e) => onChange({ dialect: e.currentTarget.value as BuilderForm['dialect'] })}
            >
              {DIALECTS.map((d) => (
                <option key={d} value={d}>
                  {d === 'auto' ? 'Automatic' : d}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      <p class="row">
        <input id="name-bot" type="checkbox" checked={form.nameBot} onChange={(e) => onChange({ nameBot: e.currentTarget.checked })} />
        <label for="name-bot">Name the bot in the web link (p={bot.id}), so another bot's widget ignores it</label>
      </p>
    </section>
  )
}
