import type { BuildIssue, Channel, Dialect, LinkIntent } from '../../../widget/entry/index.ts'
import { buildEntryLink } from '../../../widget/entry/index.ts'
import type { FieldType } from '../../bot/types.ts'
import { CHANNEL_ORDER } from './builder-form.ts'
import type { MergeTag } from './check-form.ts'
import { webAddressProblem } from './web-address.ts'

// One link per channel, or every reason it cannot be written. A merge tag cannot go through the
// builder as it is (the decoder refuses an unfilled tag), so each is written as a stand-in
// value of the same type, found again in the finished link, and put back as the tag itself,
// unencoded, where the mail tool will look for it.

export type ChannelLink =
  | { channel: Channel; ok: true; link: string; dialect: Dialect; param: string; notes: string[] }
  | { channel: Channel; ok: false; reasons: string[]; targetProblem: string | null }

/** A stand-in that passes the type's checks and reads as nothing else in a link. */
export function standIn(type: FieldType, index: number): string {
  const n = String(index).padStart(3, '0')
  switch (type) {
    case 'email':
      return `zqmerge${n}@merge.invalid`
    case 'phone':
      return `+1999000${n}`
    case 'date':
      return `${1901 + index}-01-01`
    case 'number':
      return `90210${n}`
    default:
      return `zqmerge${n}zq`
  }
}

export function channelLinks(
  intent: LinkIntent,
  merges: MergeTag[],
  targets: Record<Channel, string>,
  { dialect, account }: { dialect?: Dialect; account?: string },
): ChannelLink[] {
  const written = withStandIns(intent, merges)
  return CHANNEL_ORDER.map((channel) => {
    if (targets[channel].trim() === '') return { channel, ok: false, reasons: [], targetProblem: null }
    const addressProblem = channel === 'web' ? webAddressProblem(targets.web) : null
    if (addressProblem) return { channel, ok: false, reasons: [], targetProblem: addressProblem }
    const built = buildEntryLink(written, {
      channel,
      to: targets[channel].trim(),
      dialect,
      account: channel === 'web' ? account : undefined,
    })
    if (!built.ok) {
      const target = built.errors.find((e) => e.code === 'invalid-target')
      return { channel, ok: false, reasons: target ? [] : reasonsOf(built.errors), targetProblem: target?.message ?? null }
    }
    // Every stand-in is found in the link as the builder wrote it, before any tag goes in: a
    // tag holding another's stand-in cannot be mistaken for it.
    const spots: { at: number; length: number; tag: string }[] = []
    for (const [i, merge] of merges.entries()) {
      const stand = standIn(merge.type, i)
      const forms = [stand, encodeURIComponent(stand)].filter((s, at, all) => all.indexOf(s) === at)
      const found = forms.flatMap((s) => occurrences(built.link, s).map((at) => ({ at, length: s.length, tag: merge.tag })))
      if (found.length !== 1)
        return {
          channel,
          ok: false,
          targetProblem: null,
          reasons: [
            `the ${built.dialect} dialect cannot carry the merge tag ${merge.tag} where a mail tool can fill it; pick dashed or segments`,
          ],
        }
      spots.push(found[0])
    }
    // By slicing, from the last spot back: String.replace would read `$&` or `$'` in a tag as a pattern.
    let link = built.link
    for (const spot of spots.sort((a, b) => b.at - a.at)) link = link.slice(0, spot.at) + spot.tag + link.slice(spot.at + spot.length)
    const notes = built.warnings.map((w) => w.message)
    if (merges.length > 0)
      notes.push(
        `your mail tool must fill ${merges.map((m) => m.tag).join(', ')} URL-encoded; ${channel}'s own limits apply to what it fills in`,
      )
    return { channel, ok: true, link, dialect: built.dialect, param: built.param, notes }
  })
}

function withStandIns(intent: LinkIntent, merges: MergeTag[]): LinkIntent {
  if (merges.length === 0) return intent
  const copy: LinkIntent = {
    ...intent,
    fields: intent.fields?.map((f) => ({ ...f })),
    user: { ...intent.user },
    variables: { ...intent.variables },
  }
  for (const [i, merge] of merges.entries()) {
    const stand = standIn(merge.type, i)
    if (merge.kind === 'field') for (const field of copy.fields ?? []) if (field.key === merge.key) field.value = stand
    if (merge.kind === 'variable' && copy.variables) copy.variables[merge.key] = stand
    if (merge.kind === 'user' && copy.user) (copy.user as Record<string, string>)[merge.key] = stand
  }
  if (Object.keys(copy.user ?? {}).length === 0) delete copy.user
  if (Object.keys(copy.variables ?? {}).length === 0) delete copy.variables
  if (!copy.fields) delete copy.fields
  return copy
}

function occurrences(text: string, part: string): number[] {
  const at: number[] = []
  for (let i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) at.push(i)
  return at
}

/** The builder's reasons, one line each, the dialect first when there is one. */
function reasonsOf(errors: BuildIssue[]): string[] {
  return [...new Set(errors.map((e) => (e.dialect ? `${e.dialect}: ${e.message}` : e.message)))]
}
