import { requireAdmin } from './admin-token.ts'
import { botOf } from './bot-route.ts'
import { contactView } from './contact-view.ts'
import { HttpError } from './http-error.ts'
import { sendJson } from './respond.ts'
import type { Exchange, Route } from './router.ts'

// The admin API, behind ADMIN_TOKEN (docs/protocol.md, "Admin"): reads only here; webhook
// deliveries, the one thing an admin may change (send a failed one again), in webhook-routes.ts.

async function links(r: Exchange): Promise<void> {
  requireAdmin(r.req, r.context.adminToken)
  const bot = botOf(r)
  sendJson(r.res, 200, await r.context.store.linkStats(bot.id))
}

async function contact(r: Exchange): Promise<void> {
  requireAdmin(r.req, r.context.adminToken)
  const bot = botOf(r)
  const { store } = r.context
  const contact = await store.contact(r.params.contact)
  if (!contact || contact.bot !== bot.id)
    throw new HttpError(404, 'unknown_contact', `bot "${bot.id}" has no contact "${r.params.contact}"`)
  sendJson(r.res, 200, {
    ...(await contactView(store, bot, contact)),
    createdAt: contact.created_at,
    started: contact.started === 1,
    pendingStart: contact.pending_start,
    state: JSON.parse(contact.state),
    linkOpens: await store.linkOpens(contact.id),
    goalsReached: await store.goalsOf(contact.id),
    lastIntent: contact.last_intent ? JSON.parse(contact.last_intent) : null,
    messages: await store.messagesAfter(contact.id, 0, 10_000),
  })
}

export const adminRoutes: Route[] = [
  { method: 'GET', path: '/v1/admin/bots/:bot/links', handle: links },
  { method: 'GET', path: '/v1/admin/bots/:bot/contacts/:contact', handle: contact },
]
