import { DEFAULT_PARAMS } from '../../../widget/entry/index.ts'
import { queryOf, readQuery } from '../../../widget/entry/query.ts'

// The builder writes the entry parameters of a web link itself. One already in the typed page
// address would stay in the link beside them: an old `sig`/`exp` the widget would check, a
// second `ref` the decoder reads first (the first of repeated keys wins).
const ENTRY_PARAMS: string[] = [...new Set(Object.values(DEFAULT_PARAMS).flat())]

/** Why a page address cannot take a web link's entry parameters, naming those to remove; null when it can. */
export function webAddressProblem(address: string): string | null {
  let url: URL
  try {
    url = new URL(address.trim())
  } catch {
    return null // not an address at all: the codec says so (widget/entry/channels.ts)
  }
  const query = queryOf(url)
  if (query === null) return null
  // Read as the widget reads the address, so that `r%65f=` counts as the ref it is.
  const found = readQuery(query, new Set(ENTRY_PARAMS))
  const names = ENTRY_PARAMS.filter((name) => found.has(name))
  if (names.length === 0) return null
  const listed = names.map((name) => `${name}=`).join(', ')
  return `remove ${listed} from the address: the builder writes ${ENTRY_PARAMS.join(', ')} itself`
}
