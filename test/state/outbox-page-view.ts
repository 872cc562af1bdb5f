// One page view of the widget, as far as the outbox goes: what widget/embed does on load
// (restore the outbox from storage, persist it, start or resume the session, run it).
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
  storageKey: (name: string) => string
  onRefused: (what: string) => void
}): PageView {
  const { module, platform, storageKey } = options
  const { storage } = platform
  module.restoreOutbox(storage.getItem(storageKey('outbox')))
  const unlisten = module.$outbox.listen((items) => storage.setItem(storageKey('outbox'), JSON.stringify(items)))
  if (!module.$outbox.get().some((item) => item.kind === 'session')) {
    module.enqueue({ kind: 'session', id: randomId(platform, 12), body: {} })
  }
  const runner = module.startOutbox(options.transport, platform, {
    done(item, value) {
      if (item.kind === 'session') storage.setItem('model:contact', (value as SessionResponse).contactId)
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
      unlisten()
    },
  }
}
