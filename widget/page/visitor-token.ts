import { type Platform, randomId } from '../transport/platform.ts'

/** The visitor's token as the backend's route guard accepts it (docs/protocol.md). */
const TOKEN = /^[A-Za-z0-9_-]{22,128}$/

/** The visitor's token, kept in storage under `key`; a missing or malformed one is replaced by a new random one. */
export function visitorToken(platform: Platform, key: string): string {
  const stored = platform.storage.getItem(key)
  if (stored && TOKEN.test(stored)) return stored
  const token = randomId(platform, 24)
  platform.storage.setItem(key, token)
  return token
}
