import { useEffect, useState } from 'preact/hooks'
import { adminFetch } from '../common/admin-fetch.ts'
import { WEB_MAX_LINK } from './web-limit.ts'

/** The signed web link, or why there is none yet (`signing`) or none at all (`failed`). */
export type SignedLink = { state: 'signed'; link: string; note: string } | { state: 'signing' | 'failed'; link: null; note: string }

/** The state of a link whose signed form is not here yet. */
export const SIGNING: SignedLink = { state: 'signing', link: null, note: 'Signing…' }

/**
 * Asks the server to sign the web link (the secret stays there); a quarter second after the last
 * change. Null when there is nothing to sign. An answer is only ever given for the link it
 * signed: until the answer for this link comes, it is `signing`.
 */
export function useSignedLink(bot: string, link: string | null, ttlSeconds: number): SignedLink | null {
  const asked = link && Number.isInteger(ttlSeconds) && ttlSeconds > 0 ? JSON.stringify([bot, link, ttlSeconds]) : null
  const [answer, setAnswer] = useState<{ asked: string; signed: SignedLink } | null>(null)
  useEffect(() => {
    if (!asked || !link) return
    let live = true
    const settle = (signed: SignedLink) => live && setAnswer({ asked, signed })
    const timer = setTimeout(() => {
      adminFetch<{ link: string; expiresAt: string }>(`/v1/admin/bots/${encodeURIComponent(bot)}/sign`, {
        method: 'POST',
        body: { link, ttlSeconds },
      }).then((answer) => {
        if (!answer.ok) return settle({ state: 'failed', link: null, note: `Not signed: ${answer.message}` })
        if (answer.body.link.length > WEB_MAX_LINK)
          return settle({
            state: 'failed',
            link: null,
            note: `Not signed: the signed link is ${answer.body.link.length} characters, over ${WEB_MAX_LINK}`,
          })
        settle({ state: 'signed', link: answer.body.link, note: `Signed; expires ${answer.body.expiresAt}` })
      })
    }, 250)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [asked, bot, link, ttlSeconds])
  if (!asked) return null
  return answer?.asked === asked ? answer.signed : SIGNING
}
