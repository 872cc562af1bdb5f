/** What the page's Content-Security-Policy said when it blocked a request, as a `securitypolicyviolation` event carries it. */
interface Violation {
  effectiveDirective?: string
  blockedURI?: string
}

/**
 * Calls `blocked` once, with the directive's name, when the page's Content-Security-Policy
 * blocks a request to the backend at `api` (CSP 3, "Report a violation": the event fires at the
 * document of the realm that fetched, and bubbles to its window). `listen` listens on those
 * windows: the page's and the hidden frame's (page/platform.ts). Returns the cleanup.
 */
export function watchConnectBlocked(
  listen: (type: string, listener: (event: Event) => void) => () => void,
  api: string,
  blocked: (directive: string, origin: string) => void,
): () => void {
  const origin = new URL(api).origin
  let told = false
  const listener = (event: Event) => {
    const { effectiveDirective: directive = '', blockedURI = '' } = event as Violation
    // The effective directive is connect-src even where the policy fell back to default-src.
    if (told || directive !== 'connect-src' || (blockedURI !== origin && !blockedURI.startsWith(`${origin}/`))) return
    told = true
    blocked(directive, origin)
  }
  return listen('securitypolicyviolation', listener)
}
