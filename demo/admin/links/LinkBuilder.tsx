import { useEffect, useMemo, useState } from 'preact/hooks'
import type { Channel } from '../../../widget/entry/index.ts'
import type { BotDefinitions } from '../../http/bot-definitions.ts'
import { adminFetch } from '../common/admin-fetch.ts'
import { type BuilderForm, CHANNEL_ORDER, emptyForm } from './builder-form.ts'
import { ChannelCard } from './ChannelCard.tsx'
import { channelLinks } from './channel-links.ts'
import { checkForm } from './check-form.ts'
import { SignPicker } from './SignPicker.tsx'
import { StartPicker } from './StartPicker.tsx'
import { SIGNING, useSignedLink } from './use-signed-link.ts'
import { ValueRows } from './ValueRows.tsx'

/** The link builder: loads the bots' definitions, holds the form, and shows every channel's link as it is typed. */
export function LinkBuilder({ qaPage }: { qaPage: string }) {
  const [bots, setBots] = useState<BotDefinitions[] | null>(null)
  const [loadProblem, setLoadProblem] = useState<string | null>(null)
  const [form, setForm] = useState<BuilderForm | null>(null)
  useEffect(() => {
    adminFetch<{ bots: BotDefinitions[] }>('/v1/admin/bots').then((answer) => {
      if (!answer.ok) return setLoadProblem(`Cannot load the bots: ${answer.message}`)
      setBots(answer.body.bots)
      if (answer.body.bots.length > 0) setForm(emptyForm(answer.body.bots[0].id, qaPage))
    })
  }, [qaPage])
  const bot = bots?.find((b) => b.id === form?.bot) ?? null
  const checked = useMemo(() => (form && bot ? checkForm(form, bot) : null), [form, bot])
  const links = useMemo(
    () =>
      form && bot && checked?.intent
        ? channelLinks(checked.intent, checked.merges, form.targets, {
            dialect: form.dialect === 'auto' ? undefined : form.dialect,
            account: form.nameBot ? bot.id : undefined,
          })
        : null,
    [form, bot, checked],
  )
  const web = links?.find((l) => l.channel === 'web')
  const signed = useSignedLink(bot?.id ?? '', form?.sign && web?.ok ? web.link : null, Number(form?.ttlHours) * 3600)
  if (loadProblem) return <p class="problem">{loadProblem}</p>
  if (!bots || !form || !bot || !checked) return <p role="status">Loading the bots…</p>
  const change = (update: Partial<BuilderForm>) =>
    setForm((current) =>
      current
        ? { ...current, ...update, ...(update.bot && update.bot !== current.bot ? { start: '', values: [], payload: '' } : {}) }
        : current,
    )
  const setTarget = (channel: Channel, to: string) =>
    setForm((current) => current && { ...current, targets: { ...current.targets, [channel]: to } })
  return (
    <form class="builder" noValidate onSubmit={(e) => e.preventDefault()}>
      <StartPicker bots={bots} form={form} problems={checked.problems} onChange={change} />
      <ValueRows bot={bot} rows={form.values} problems={checked.problems} onChange={(values) => change({ values })} />
      <SignPicker form={form} problems={checked.problems} signable={bot.signable} onChange={change} />
      <section aria-labelledby="links-heading">
        <h2 id="links-heading">Links</h2>
        {!checked.intent && <p class="problem">Fix the problems above to see the links.</p>}
        <div class="channels">
          {CHANNEL_ORDER.map((channel) => {
            const result = links?.find((l) => l.channel === channel) ?? null
            const isWeb = channel === 'web' && result?.ok
            // Signing on, the web card shows the signed link or none: an unsigned one would
            // lose its user_id at the backend (unsigned_user_id) for whoever copies it.
            const signedWeb = isWeb && form.sign ? (signed ?? SIGNING) : null
            const shown = signedWeb?.link && result?.ok ? { ...result, link: signedWeb.link } : result
            const notes = signedWeb?.link
              ? [signedWeb.note]
              : form.sign && channel !== 'web' && result?.ok
                ? ['not signed: only the widget checks signatures']
                : []
            return (
              <ChannelCard
                key={channel}
                result={shown ?? { channel, ok: false, reasons: [], targetProblem: null }}
                target={form.targets[channel]}
                notes={notes}
                withheld={signedWeb && !signedWeb.link ? { note: signedWeb.note, failed: signedWeb.state === 'failed' } : null}
                merged={checked.merges.length > 0}
                tryIt={isWeb && shown?.ok && (!form.sign || signedWeb?.link) ? tryAddress(shown.link, qaPage) : null}
                onTarget={setTarget}
              />
            )
          })}
        </div>
      </section>
    </form>
  )
}

/** The QA page with the web link's query and hash: "try it" opens the chat where the link says. */
function tryAddress(link: string, qaPage: string): string {
  const url = new URL(link)
  const qa = new URL(qaPage)
  qa.search = url.search
  qa.hash = url.hash
  return qa.href
}
