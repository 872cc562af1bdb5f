import type { SystemAttribute } from '../../widget/entry/index.ts'
import type { BotDef, EntryLinkDef, FieldDef, FieldType, VariableDef } from '../bot/types.ts'

// What the link builder (demo/admin/links.html) and the results page need of a bot file to
// offer only what the bot knows: its entry links and blocks, its custom fields and variables
// with their types, the system attributes with the input each takes, and its goals. Never the
// secret: only whether there is one.

/** How the builder asks for a system attribute's value. */
export type AttributeInput = { type: FieldType } | { type: 'choice'; choices: string[] }

/**
 * The input of every system attribute. Keyed by SystemAttribute, so the compiler refuses this
 * table when widget/entry gains or loses one; widget/entry checks the values (normaliseAttribute).
 */
export const ATTRIBUTE_INPUTS: Record<SystemAttribute, AttributeInput> = {
  first_name: { type: 'text' },
  last_name: { type: 'text' },
  full_name: { type: 'text' },
  // Stored only from a signed link (docs/protocol.md, rule 6): the builder asks to sign.
  user_id: { type: 'text' },
  email: { type: 'email' },
  phone: { type: 'phone' },
  // docs/entry-links.md: gender is male, female or unknown.
  gender: { type: 'choice', choices: ['male', 'female', 'unknown'] },
  birthday: { type: 'date' },
}

export interface BotDefinitions {
  id: string
  name: string
  /** Whether the bot has a secret, so that the server can sign its links. */
  signable: boolean
  links: EntryLinkDef[]
  blocks: string[]
  fields: FieldDef[]
  systemAttributes: ({ name: SystemAttribute } & AttributeInput)[]
  variables: VariableDef[]
  /** The blocks the bot file marks as goals (docs/results.md), for the results page. */
  goals: string[]
}

export function botDefinitions(bot: BotDef): BotDefinitions {
  return {
    id: bot.id,
    name: bot.name,
    signable: bot.secret !== null && bot.secret !== '',
    links: bot.links.map(({ name, start, payloadField }) => ({ name, start, payloadField })),
    blocks: Object.keys(bot.blocks),
    fields: bot.fields.map(({ id, name, type }) => ({ id, name, type })),
    systemAttributes: (Object.entries(ATTRIBUTE_INPUTS) as [SystemAttribute, AttributeInput][]).map(([name, input]) => ({
      name,
      ...input,
    })),
    variables: bot.variables.map(({ name, type }) => ({ name, type })),
    goals: [...bot.goals],
  }
}
