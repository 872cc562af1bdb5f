// One page view of the widget, as far as the outbox goes: what widget/embed/widget.tsx does on
// load (claim the link once, restore and persist the outbox, start or resume the session, run it).

import { parseEntryLink } from '../../widget/entry/index.ts'
import { claimLink } from '../../widget/page/applied-links.ts'
import type * as Outbox from '../../widget/state/outbox.ts'
import type { Platform } from '../../widget/transport/platform.ts'
import { randomId } from '../../widget/transport/platform.ts'
import type { SessionResponse } from '../../widget/transport/protocol.ts'
import type { Transport } from '../../widget/transport/transport.ts'

export type OutboxModule = typeof Outbox

export interface PageView {
  module: OutboxModule
  /** Items still waiting for the backend in this tab. */
  pending(): number
  close(): void
}

export function openPageView(options: {
  module: OutboxModule
  platform: Platform
  transport: Transport
  key: (name: string) => string
  /** The page address's query, `?ref=...`, or '' for none. */
  query: string
  onRefused: (what: string) => void
}): PageView {
  const { module, platform, key, query } = options
  const link = query === '' ? null : parseEntryLink(`https://shop.example/${query}`)
  const intent = link && claimLink(platform, key, query) ? link : null
  const unpersist = module.persistOutbox(platform, key('outbox'))
  if (intent || !module.$outbox.get().some((item) => item.kind === 'session')) {
    const id = randomId(platform, 12)
    module.enqueue(intent ? { kind: 'session', id, body: { intent, intentId: id } } : { kind: 'session', id, body: {} })
  }
  const runner = module.startOutbox(options.transport, platform, {
    done(item, value) {
      if (item.kind === 'session') platform.storage.setItem('model:contact', (value as SessionResponse).contactId)
    },
    refused(item, error) {
      options.onRefused(`${item.kind} ${item.id}: ${error.code} ${error.message}`)
    },
    reachable() {},
  })
  return {
    module,
    pending: () => module.$outbox.get().length,
    close() {
      runner.stop()
      unpersist()
    },
  }
}
