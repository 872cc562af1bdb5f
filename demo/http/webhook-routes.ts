import type { DeliveryRow } from '../store/queries.ts'
import { requireAdmin } from './admin-token.ts'
import { botOf } from './bot-route.ts'
import { HttpError } from './http-error.ts'
import { sendJson } from './respond.ts'
import type { Exchange, Route } from './router.ts'

// The admin API of webhook deliveries (docs/webhooks.md, "Admin"), behind ADMIN_TOKEN.

const STATUSES: DeliveryRow['status'][] = ['pending', 'delivered', 'failed']

function view(delivery: DeliveryRow) {
  return {
    id: delivery.id,
    type: delivery.type,
    contactId: delivery.contactId,
    status: delivery.status,
    attempts: delivery.attempts,
    lastError: delivery.lastError,
    createdAt: delivery.createdAt,
    nextAttemptAt: delivery.status === 'pending' ? new Date(delivery.nextAt).toISOString() : null,
    body: JSON.parse(delivery.body),
  }
}

async function list(r: Exchange): Promise<void> {
  requireAdmin(r.req, r.context.adminToken)
  const bot = botOf(r)
  const status = r.url.searchParams.get('status')
  if (status !== null && !STATUSES.includes(status as DeliveryRow['status']))
    throw new HttpError(400, 'invalid_status', `status must be one of ${STATUSES.join(', ')}`)
  const deliveries = await r.context.store.deliveries(bot.id, status as DeliveryRow['status'] | null)
  sendJson(r.res, 200, { deliveries: deliveries.map(view) })
}

async function retry(r: Exchange): Promise<void> {
  requireAdmin(r.req, r.context.adminToken)
  const bot = botOf(r)
  const { store } = r.context
  const retried = await store.retryDelivery(bot.id, r.params.delivery, Date.now())
  if (retried) return sendJson(r.res, 200, { delivery: view(retried) })
  const found = await store.delivery(bot.id, r.params.delivery)
  if (!found) throw new HttpError(404, 'unknown_delivery', `bot "${bot.id}" has no delivery "${r.params.delivery}"`)
  throw new HttpError(409, 'not_failed', `delivery "${found.id}" is ${found.status}; only a failed one is sent again`)
}

export const webhookRoutes: Route[] = [
  { method: 'GET', path: '/v1/admin/bots/:bot/webhooks/deliveries', handle: list },
  { method: 'POST', path: '/v1/admin/bots/:bot/webhooks/deliveries/:delivery/retry', handle: retry },
]
