import { encodeBase64Json } from './base64json.ts'
import { CHANNELS } from './channels.ts'
import { encodeDashed } from './dashed.ts'
import { type Encoded, isSet } from './encodable.ts'
import { parseEntryLink } from './parse.ts'
import { encodeSegments } from './segments.ts'
import type { BuildIssue, BuildResult, Dialect, EntryIntent, LinkIntent, LinkTarget } from './types.ts'

/** The encoders, one per dialect (the decoders' table is in dialects.ts). */
const ENCODERS: Record<Dialect, (intent: LinkIntent) => Encoded> = {
  dashed: encodeDashed,
  base64json: encodeBase64Json,
  segments: encodeSegments,
}

/**
 * Writes an entry link for a channel: in `target.dialect`, or in the first dialect that fits
 * the channel. Never writes a link that would lose data: returns every reason instead.
 */
export function buildEntryLink(intent: LinkIntent, target: LinkTarget): BuildResult {
  const rule = CHANNELS[target?.channel]
  if (!rule) return fail('unknown-channel', `unknown channel "${target?.channel}"; known: ${Object.keys(CHANNELS).join(', ')}`)
  if (target.dialect !== undefined && !Object.hasOwn(ENCODERS, target.dialect)) {
    return fail('unknown-dialect', `unknown dialect "${target.dialect}"; known: ${Object.keys(ENCODERS).join(', ')}`)
  }
  const base = rule.base(String(target.to ?? ''))
  if (!base.ok) return fail('invalid-target', base.message)
  const account = target.account
  if (account !== undefined) {
    if (target.channel !== 'web') return fail('account-not-web', 'only web chat links carry an account (p)')
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(account)) return fail('invalid-account', 'an account id is 1 to 128 letters, digits, "_" and "-"')
  }
  // An empty string is no value here: `{ ref: '' }` alone would write a link that carries nothing.
  const carries = typeof intent === 'object' && Object.values(intent ?? {}).some((value) => value !== '' && isSet(value))
  if (!carries) return fail('empty', 'nothing to write: the intent is empty')

  const errors: BuildIssue[] = []
  const tries: Dialect[] = target.dialect ? [target.dialect] : rule.dialects
  if (target.dialect && !rule.dialects.includes(target.dialect)) {
    return fail('dialect-not-on-channel', `${target.channel} links cannot carry the ${target.dialect} dialect`)
  }
  for (const dialect of tries) {
    const params = target.channel === 'web' ? webParams(intent, dialect) : single(rule.param, dialect, intent)
    if (!params.ok) {
      errors.push(...params.issues)
      continue
    }
    const problems = checkChannel(params.values, target)
    const link = writeLink(base.address, params.values, account, base.hash)
    if (link.length > rule.maxLink)
      problems.push(issue('link-too-long', `the link is ${link.length} characters, over ${target.channel}'s ${rule.maxLink}`, dialect))
    if (problems.length === 0) problems.push(...roundTrip(link, rule.param, intent, account, dialect))
    if (problems.length > 0) {
      errors.push(...problems)
      continue
    }
    const warnings = rule.warning ? [issue('prefill-only', rule.warning, dialect)] : []
    return { ok: true, link, dialect: params.values[0][2], param: rule.param, warnings }
  }
  return { ok: false, errors }
}

type Param = [name: string, value: string, dialect: Dialect]

function single(param: string, dialect: Dialect, intent: LinkIntent): { ok: true; values: Param[] } | { ok: false; issues: BuildIssue[] } {
  const encoded = ENCODERS[dialect](intent)
  return encoded.ok ? { ok: true, values: [[param, encoded.value, dialect]] } : encoded
}

// The web chat can send two parameters: a dashed `ref` beside a segments `bs_ref` (docs/entry-links.md).
function webParams(intent: LinkIntent, dialect: Dialect): { ok: true; values: Param[] } | { ok: false; issues: BuildIssue[] } {
  if (dialect !== 'segments') return single('ref', dialect, intent)
  const { ref, payload, ...rest } = intent
  const segments = single('bs_ref', 'segments', rest)
  if (!segments.ok || (!isSet(ref) && !isSet(payload))) return segments
  const dashed = single('ref', 'dashed', { ref, payload })
  if (!dashed.ok) return dashed
  return { ok: true, values: [...segments.values, ...dashed.values] }
}

function checkChannel(values: Param[], target: LinkTarget): BuildIssue[] {
  const rule = CHANNELS[target.channel]
  const problems: BuildIssue[] = []
  // No channel's link limit reaches the decoder's 8,192 characters a parameter; were one to,
  // the round trip would refuse the link with the decoder's own reason.
  for (const [name, value, dialect] of values) {
    if (rule.charset && !rule.charset.pattern.test(value)) {
      problems.push(issue('charset', `${target.channel} allows only ${rule.charset.text} in ${name}`, dialect))
    }
    if (value.length > (rule.maxValue ?? Number.POSITIVE_INFINITY)) {
      const hint = dialect === 'base64json' ? '; pass an external id the backend resolves instead of the fields' : ''
      problems.push(
        issue(
          'value-too-long',
          `${target.channel} allows at most ${rule.maxValue} characters in ${name}; this value has ${value.length}${hint}`,
          dialect,
        ),
      )
    }
  }
  return problems
}

function writeLink(address: string, values: Param[], account: string | undefined, hash = ''): string {
  const pairs = account === undefined ? [] : [`p=${encodeURIComponent(account)}`]
  for (const [name, value] of values) pairs.push(`${name}=${encodeURIComponent(value)}`)
  return `${address}${address.includes('?') ? '&' : '?'}${pairs.join('&')}${hash}`
}

/** The safety net: the link must decode to exactly the intent, or it is not written. */
function roundTrip(link: string, param: string, intent: LinkIntent, account: string | undefined, dialect: Dialect): BuildIssue[] {
  const decoded = parseEntryLink(link, { params: { ref: [param] } })
  const expected = expectedOf(intent, account)
  // Keys come out of the decoder in the order the encoders wrote them, which is the intent's order.
  const lost = (Object.keys(expected) as (keyof EntryIntent)[]).filter(
    (key) => JSON.stringify(decoded[key]) !== JSON.stringify(expected[key]),
  )
  const rejected = decoded.rejected.map((r) => `${r.part}: ${r.reason}`)
  if (lost.length === 0 && rejected.length === 0) return []
  return [issue('does-not-round-trip', `the link would not carry ${[...lost, ...rejected].join('; ')}`, dialect)]
}

function expectedOf(intent: LinkIntent, account: string | undefined): Partial<EntryIntent> {
  return {
    bot: account ?? null,
    ref: intent.ref || null,
    block: intent.block ?? null,
    payload: intent.payload ?? null,
    fields: intent.fields ?? [],
    user: intent.user ?? {},
    variables: intent.variables ?? {},
    externalId: intent.externalId ?? null,
    json: isSet(intent.json) ? intent.json : null,
  }
}

function issue(code: string, message: string, dialect?: Dialect): BuildIssue {
  return dialect === undefined ? { code, message } : { code, message, dialect }
}

function fail(code: string, message: string): BuildResult {
  return { ok: false, errors: [issue(code, message)] }
}
