import { HttpError } from './http-error.ts'
import { checkJsonTree, decodeUtf8 } from './input-limits.ts'
import type { Exchange } from './router.ts'

/** The request body as a JSON object: JSON only, at most `maxBody` bytes, UTF-8, within the input limits. */
export async function readJsonBody(r: Exchange): Promise<Record<string, unknown>> {
  const type = r.req.headers['content-type'] ?? ''
  if (!/^application\/json\b/i.test(type)) {
    r.req.resume()
    throw new HttpError(415, 'unsupported_media_type', 'send the body as application/json')
  }
  const max = r.context.maxBody
  const declared = Number(r.req.headers['content-length'] ?? 0)
  if (declared > max) {
    r.req.resume()
    throw new HttpError(413, 'body_too_large', `the body is ${declared} bytes; the limit is ${max}`)
  }
  const body = await new Promise<Buffer>((resolve, reject) => {
    // Events rather than `for await`: the same reading, without an async iterator per request.
    const chunks: Buffer[] = []
    let size = 0
    r.req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= max) return void chunks.push(chunk)
      r.req.destroy()
      reject(new HttpError(413, 'body_too_large', `the body is over the limit of ${max} bytes`))
    })
    let ended = false
    r.req.on('end', () => {
      ended = true
      resolve(Buffer.concat(chunks))
    })
    // The client went away mid-upload: nothing to answer, nothing worth a stack trace.
    const aborted = () => {
      if (!ended) reject(new HttpError(400, 'aborted', 'the upload was aborted'))
    }
    r.req.on('error', aborted)
    r.req.on('close', aborted)
  })
  let parsed: unknown
  try {
    parsed = JSON.parse(decodeUtf8(body))
  } catch (error) {
    if (error instanceof HttpError) throw error
    throw new HttpError(400, 'invalid_json', `the body is not valid JSON: ${(error as Error).message}`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new HttpError(400, 'invalid_body', 'the body must be a JSON object')
  checkJsonTree(parsed)
  return parsed as Record<string, unknown>
}
