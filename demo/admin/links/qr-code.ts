import { generate } from 'lean-qr'
import { toSvgSource } from 'lean-qr/extras/svg'

// QR codes by lean-qr (a maintained library): black on white with the standard quiet zone of
// four modules, so that any phone reads them printed on a poster.

const ON = [0, 0, 0, 255] as const
const OFF = [255, 255, 255, 255] as const

export type QrImages = { ok: true; png: string; svg: string } | { ok: false; message: string }

/** A link's QR code as a PNG data address (to show and download) and an SVG document (to download). */
export function qrImages(link: string): QrImages {
  let code: ReturnType<typeof generate>
  try {
    code = generate(link)
  } catch (error) {
    // lean-qr throws when the text does not fit the largest QR code (version 40).
    return { ok: false, message: `this link is too long for a QR code (${(error as Error).message})` }
  }
  const png = code.toDataURL({ type: 'image/png', on: [...ON], off: [...OFF], pad: 4, scale: 8 })
  const svg = toSvgSource(code, { on: 'black', off: 'white', pad: 4, xmlDeclaration: true, scale: 8 })
  return { ok: true, png, svg }
}
