import type { BotDefinitions } from '../../http/bot-definitions.ts'
import type { ValueKind, ValueRow } from './builder-form.ts'
import { FormField } from './FormField.tsx'

const KIND_NAMES: Record<ValueKind, string> = { field: 'Custom field', user: 'System attribute', variable: 'Variable' }
const INPUT_TYPES: Record<string, string> = { text: 'text', number: 'number', email: 'email', phone: 'tel', date: 'date' }

/** The values the link sets, each picked from the bot's own definitions, with an input of its type. */
export function ValueRows({
  bot,
  rows,
  problems,
  onChange,
}: {
  bot: BotDefinitions
  rows: ValueRow[]
  problems: Record<string, string>
  onChange: (rows: ValueRow[]) => void
}) {
  const update = (id: number, change: Partial<ValueRow>) => onChange(rows.map((r) => (r.id === id ? { ...r, ...change } : r)))
  const add = (kind: ValueKind) =>
    onChange([...rows, { id: Math.max(0, ...rows.map((r) => r.id)) + 1, kind, name: '', value: '', merge: false }])
  return (
    <section aria-labelledby="values-heading">
      <h2 id="values-heading">What the link sets</h2>
      {rows.length === 0 && <p class="hint">Nothing yet: add a field, a system attribute or a variable.</p>}
      <ul class="value-rows">
        {rows.map((row) => {
          const type = typeOf(bot, row)
          const names = namesOf(bot, row.kind)
          return (
            <li key={row.id} class="value-row">
              <FormField id={`name-${row.id}`} label={KIND_NAMES[row.kind]} problem={problems[`name-${row.id}`]}>
                {(control) => (
                  <select
                    {...control}
                    value={row.name}
                    onChange={(e) => update(row.id, { name: e.currentTarget.value, value: '', merge: false })}
                  >
                    <option value="">Pick one</option>
                    {names.map(([value, text]) => (
                      <option key={value} value={value}>
                        {text}
                      </option>
                    ))}
                  </select>
                )}
              </FormField>
              <FormField id={`value-${row.id}`} label={`Value${type ? ` (${type.type})` : ''}`} problem={problems[`value-${row.id}`]}>
                {(control) =>
                  type?.type === 'choice' && !row.merge ? (
                    <select {...control} value={row.value} onChange={(e) => update(row.id, { value: e.currentTarget.value })}>
                      <option value="">Pick one</option>
                      {type.choices.map((choice) => (
                        <option key={choice} value={choice}>
                          {choice}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input
                      {...control}
                      type={row.merge ? 'text' : (INPUT_TYPES[type?.type ?? 'text'] ?? 'text')}
                      step={type?.type === 'number' && !row.merge ? 'any' : undefined}
                      value={row.value}
                      onInput={(e) => update(row.id, { value: e.currentTarget.value })}
                    />
                  )
                }
              </FormField>
              <div class="row value-actions">
                {type?.type !== 'choice' && (
                  <span class="row">
                    <input
                      id={`merge-${row.id}`}
                      type="checkbox"
                      checked={row.merge}
                      onChange={(e) => update(row.id, { merge: e.currentTarget.checked, value: '' })}
                    />
                    <label for={`merge-${row.id}`}>Merge tag</label>
                  </span>
                )}
                <button type="button" class="quiet" onClick={() => onChange(rows.filter((r) => r.id !== row.id))}>
                  Remove<span class="visually-hidden"> {row.name || KIND_NAMES[row.kind]}</span>
                </button>
              </div>
            </li>
          )
        })}
      </ul>
      <div class="row">
        {(Object.keys(KIND_NAMES) as ValueKind[]).map((kind) => (
          <button key={kind} type="button" class="quiet" onClick={() => add(kind)}>
            Add a {KIND_NAMES[kind].toLowerCase()}
          </button>
        ))}
      </div>
    </section>
  )
}

function namesOf(bot: BotDefinitions, kind: ValueKind): [value: string, text: string][] {
  if (kind === 'field') return bot.fields.map((f) => [f.id, f.id === f.name ? f.name : `${f.name} (id ${f.id})`])
  if (kind === 'variable') return bot.variables.map((v) => [v.name, v.name])
  return bot.systemAttributes.map((a) => [a.name, a.name])
}

function typeOf(bot: BotDefinitions, row: ValueRow): { type: string; choices: string[] } | null {
  if (row.kind === 'field') {
    const field = bot.fields.find((f) => f.id === row.name)
    return field ? { type: field.type, choices: [] } : null
  }
  if (row.kind === 'variable') {
    const variable = bot.variables.find((v) => v.name === row.name)
    return variable ? { type: variable.type, choices: [] } : null
  }
  const attribute = bot.systemAttributes.find((a) => a.name === row.name)
  if (!attribute) return null
  return { type: attribute.type, choices: attribute.type === 'choice' ? attribute.choices : [] }
}
