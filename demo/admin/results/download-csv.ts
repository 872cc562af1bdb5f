import { $adminToken, forgetToken } from '../common/admin-token.ts'

/**
 * Fetches the CSV with the token in the Authorization header (never in an address) and saves
 * it through a Blob: a link to the endpoint itself could not carry the token. Answers why not.
 */
export async function downloadCsv(path: string): Promise<string | null> {
  const token = $adminToken.get()
  if (!token) return 'Enter the admin token first.'
  let response: Response
  try {
    response = await fetch(path, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'text/csv' },
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    })
  } catch {
    return 'The demo server did not answer; is `npm run demo` running?'
  }
  if (!response.ok) {
    const body = await response.json().catch(() => null)
    const message = body?.error?.message ?? `the server answered ${response.status}`
    if (response.status === 401 || response.status === 403) forgetToken(`The server refused this token (${response.status}: ${message}).`)
    return `The CSV could not be made: ${message}.`
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'results.csv'
  const url = URL.createObjectURL(await response.blob())
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  // After the click has been handled: the browser has the file by then.
  setTimeout(() => URL.revokeObjectURL(url), 1000)
  return null
}
