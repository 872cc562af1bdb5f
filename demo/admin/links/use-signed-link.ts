import { useEffect, useState } from 'preact/hooks'
import { adminFetch } from '../common/admin-fetch.ts'
import { WEB_MAX_LINK } from './web-limit.ts'

export interface SignedLink {
  /** The signed link, or null while it is signed or when it cannot be. */
  link: string | null
  note: string
}

/** Asks the server to sign the web link (the secret stays there); a quarter second after the last change. */
export function useSignedLink(bot: string, link: string | null, ttlSeconds: number): SignedLink | null {
  const [signed, setSigned] = useState<SignedLink | null>(null)
  useEffect(() => {
    if (!link || !Number.isInteger(ttlSeconds) || ttlSeconds <= 0) return setSigned(null)
    let live = true
    setSigned({ link: null, note: 'Signing…' })
    const timer = setTimeout(() => {
      adminFetch<{ link: string; expiresAt: string }>(`/v1/admin/bots/${encodeURIComponent(bot)}/sign`, {
        method: 'POST',
        body: { link, ttlSeconds },
      }).then((answer) => {
        if (!live) return
        if (!answer.ok) return setSigned({ link: null, note: `Not signed: ${answer.message}` })
        if (answer.body.link.length > WEB_MAX_LINK)
          return setSigned({
            link: null,
            note: `Not signed: the signed link is ${answer.body.link.length} characters, over ${WEB_MAX_LINK}`,
          })
        setSigned({ link: answer.body.link, note: `Signed; expires ${answer.body.expiresAt}` })
      })
    }, 250)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [bot, link, ttlSeconds])
  return signed
}
