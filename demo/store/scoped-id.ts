import { hash } from 'node:crypto'

// Client ids (an update's, an intent's, a message's) are scoped to the visitor that made
// them: another visitor sending the same id never meets this one's result.

/** A visitor token as stored: its SHA-256, so the database never holds a usable token. */
export const hashToken = (token: string) => hash('sha256', token, 'base64url')

/** A client-made id as stored: scoped to the visitor (its token's hash) that sent it. */
export const scopedId = (token: string, id: string) => `${hashToken(token)}:${id}`

/**
 * The id as the client wrote it; rows from before ids were scoped hold only this. The bot API's
 * ids (`api:ID`) are newer than that and have no bare form: they are only ever themselves.
 */
export const bareId = (scoped: string) => (scoped.startsWith('api:') ? scoped : scoped.slice(scoped.indexOf(':') + 1))
