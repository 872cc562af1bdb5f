import type { ContactView } from '../../widget/transport/protocol.ts'
import type { BotDef } from '../bot/types.ts'
import type { ContactRow, Queries } from '../store/queries.ts'

/** What a contact holds, as GET /me and the admin API show it: fields with their names. */
export async function contactView(store: Queries, bot: BotDef, contact: ContactRow): Promise<ContactView> {
  const values = await store.values(contact.id)
  const { user_external_identifier: externalId, ...fields } = values.fields
  return {
    contactId: contact.id,
    user: values.attributes,
    fields: Object.entries(fields).map(([id, value]) => ({ id, name: bot.fields.find((f) => f.id === id)?.name ?? id, value })),
    variables: values.variables,
    externalId: externalId ?? null,
  }
}
