import { useState } from 'preact/hooks'
import type { Channel } from '../../../widget/entry/index.ts'
import { CHANNEL_NAMES, TARGET_LABELS } from './builder-form.ts'
import type { ChannelLink } from './channel-links.ts'
import { FormField } from './FormField.tsx'
import { QrCode } from './QrCode.tsx'

/** One channel: who its link reaches, then the link with copy, QR code and "try it", or why there is none. */
export function ChannelCard({
  result,
  target,
  notes,
  withheld,
  tryIt,
  merged,
  onTarget,
}: {
  result: ChannelLink | null
  target: string
  /** Said under the link (the signature's state for the web link). */
  notes: string[]
  /** The link is written but not shown, and why: the signed one is on its way, or could not be made. */
  withheld: { note: string; failed: boolean } | null
  tryIt: string | null
  /** The link holds merge tags: no QR code, a mail tool fills it in first. */
  merged: boolean
  onTarget: (channel: Channel, to: string) => void
}) {
  const channel = result?.channel as Channel
  const [copied, setCopied] = useState<string | null>(null)
  const copy = (link: string) =>
    navigator.clipboard
      .writeText(link)
      .then(() => setCopied(link))
      .catch(() => setCopied(null))
  const id = `channel-${channel}`
  return (
    <article class="panel channel" aria-labelledby={`${id}-heading`} data-channel={channel}>
      <h3 id={`${id}-heading`}>{CHANNEL_NAMES[channel]}</h3>
      <FormField id={`to-${channel}`} label={TARGET_LABELS[channel]} problem={result && !result.ok ? result.targetProblem : null}>
        {(control) => <input {...control} type="text" value={target} onInput={(e) => onTarget(channel, e.currentTarget.value)} />}
      </FormField>
      {result?.ok && withheld ? (
        <p role="status" class={withheld.failed ? 'problem' : 'hint'} data-withheld>
          {withheld.note}
        </p>
      ) : result?.ok ? (
        <>
          <p class="hint">
            {result.dialect} in {result.param}
          </p>
          <p class="link-text" data-link>
            {result.link}
          </p>
          {[...result.notes, ...notes].map((note) => (
            <p key={note} class="hint">
              {note}
            </p>
          ))}
          <div class="row">
            <button type="button" onClick={() => copy(result.link)}>
              Copy<span class="visually-hidden"> the {CHANNEL_NAMES[channel]} link</span>
            </button>
            {tryIt && (
              <a class="button quiet" href={tryIt} target="_blank" rel="noopener noreferrer">
                Try it on the QA page
              </a>
            )}
            <span role="status" class="ok">
              {copied === result.link ? 'Copied' : ''}
            </span>
          </div>
          {merged ? (
            <p class="hint">No QR code: the link holds merge tags that the mail tool fills in.</p>
          ) : (
            <QrCode link={result.link} channel={channel} label={CHANNEL_NAMES[channel]} />
          )}
        </>
      ) : target.trim() === '' ? (
        <p class="hint">Enter who the link reaches to build it.</p>
      ) : (
        result &&
        !result.ok &&
        result.reasons.length > 0 && (
          <div class="problem" data-reasons>
            <p>This channel cannot carry this link:</p>
            <ul>
              {result.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          </div>
        )
      )}
    </article>
  )
}
