import { adminPageRoutes } from './admin-pages.ts'
import { adminRoutes } from './admin-routes.ts'
import { botApiRoutes } from './bot-api-routes.ts'
import { eventRoutes } from './event-routes.ts'
import { linkBuilderRoutes } from './link-builder-routes.ts'
import { resultsRoutes } from './results-routes.ts'
import type { Route } from './router.ts'
import { staticRoutes } from './static-files.ts'
import { visitorRoutes } from './visitor-routes.ts'
import { webhookRoutes } from './webhook-routes.ts'

const health: Route = {
  method: 'GET',
  path: '/healthz',
  handle: ({ res }) => void res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok\n'),
}

/** Everything the reference backend answers, one group of routes per file; the admin pages, then the static files last, as the catch-all. */
export function routeTable(root: string): Route[] {
  return [
    health,
    ...visitorRoutes,
    ...eventRoutes,
    ...adminRoutes,
    ...resultsRoutes,
    ...linkBuilderRoutes,
    ...webhookRoutes,
    ...botApiRoutes,
    ...adminPageRoutes(root),
    ...staticRoutes(root),
  ]
}
