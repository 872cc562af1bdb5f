// The chat's file (dist/doorway-ui.js): hands mountChat to the loader that added its script element.
import { mountChat } from '../ui/mount-chat.tsx'
import { CHAT_HANDOFF } from './chat-file.ts'

document.currentScript?.dispatchEvent(new CustomEvent(CHAT_HANDOFF, { detail: mountChat }))
