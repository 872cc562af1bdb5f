import { useMemo } from 'preact/hooks'
import { qrImages } from './qr-code.ts'

/** A link's QR code, with PNG and SVG downloads. */
export function QrCode({ link, channel, label }: { link: string; channel: string; label: string }) {
  const images = useMemo(() => qrImages(link), [link])
  const svgHref = useMemo(() => (images.ok ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(images.svg)}` : ''), [images])
  if (!images.ok) return <p class="problem">{images.message}</p>
  return (
    <div class="qr">
      <img src={images.png} alt={`QR code of the ${label} link`} width="200" height="200" />
      <div class="row">
        <a class="button quiet" href={images.png} download={`doorway-${channel}.png`}>
          Download PNG<span class="visually-hidden"> of the {label} QR code</span>
        </a>
        <a class="button quiet" href={svgHref} download={`doorway-${channel}.svg`}>
          Download SVG<span class="visually-hidden"> of the {label} QR code</span>
        </a>
      </div>
    </div>
  )
}
