import type { Queries } from '../store/queries.ts'
import { emitEvent } from '../webhooks/events.ts'
import type { BotDef } from './types.ts'

/**
 * The contact reached one of the bot's goals (docs/results.md): recorded once per contact and
 * goal with the links it is credited to, and `goal.reached` queued in the same transaction.
 * Returns what was recorded, or null when the contact had reached it before.
 */
export async function reachGoal(tx: Queries, bot: BotDef, contactId: string, goal: string) {
  const reached = await tx.recordGoal(bot.id, contactId, goal)
  if (reached) await emitEvent(tx, bot, contactId, 'goal.reached', { goal, firstLink: reached.firstLink, lastLink: reached.lastLink })
  return reached
}
