import type { BotExchange } from './bot-route.ts'
import { HttpError } from './http-error.ts'

/** The highest sequence number a message can have: the columns are 32-bit integers. */
export const MAX_SEQ = 2_147_483_647

/** The sequence number a read starts after: `Last-Event-ID`, `?after=` or `?lastEventId=`; 0 by default. */
export function cursorOf(r: BotExchange, header?: string | string[]): number {
  const raw =
    (typeof header === 'string' ? header : undefined) ?? r.url.searchParams.get('after') ?? r.url.searchParams.get('lastEventId') ?? '0'
  const after = Number(raw)
  if (!Number.isInteger(after) || after < 0 || after > MAX_SEQ)
    throw new HttpError(400, 'invalid_cursor', 'after / Last-Event-ID must be a message sequence number')
  return after
}
