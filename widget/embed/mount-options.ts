import type { Platform } from '../transport/platform.ts'
import type { MountChat } from '../ui/mount-chat.tsx'
import type { DoorwayApi } from './api.ts'
import type { EmbedConfig } from './config.ts'

/** What mountWidget (embed/widget.ts) is given by its caller, embed/boot.ts or a test. */
export interface MountOptions {
  config: EmbedConfig
  platform: Platform
  win: Window & typeof globalThis
  warn: (message: string) => void
  /** Loads the chat's file (embed/chat-file.ts) when it is wanted. */
  loadChat: () => Promise<MountChat>
  /** Called after destroy() removed everything. */
  onDestroy?: () => void
  /** Replaces the address bar's URL, keeping history.state; page/platform.ts gives one the page cannot have emptied. */
  replaceAddress?: (url: string) => void
  /** Listens on every window the widget fetches from (page/platform.ts): how a blocked backend is heard of. */
  listen?: (type: string, listener: (event: Event) => void) => () => void
  /** Called with the API once the widget is wired and before a link opens the chat: how the page's queued calls and handlers see every event. */
  ready?: (api: DoorwayApi) => void
}
