// Links decoded per second, per dialect, against `new URL(link).searchParams.get('ref')` measured
// in the same run as the floor. Run with `npm run bench`; figures go to docs/benchmarks.md.
// The codec is bundled by Vite first, so what is measured is the code the widget ships.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'vite'
import type * as Codec from '../../widget/entry/index.ts'

const outDir = mkdtempSync(join(tmpdir(), 'doorway-bench-'))
await build({
  configFile: false,
  logLevel: 'warn',
  build: {
    outDir,
    emptyOutDir: true,
    minify: true,
    lib: { entry: new URL('../../widget/entry/index.ts', import.meta.url).pathname, formats: ['es'], fileName: () => 'entry.js' },
  },
})
const { buildEntryLink, parseEntryLink } = (await import(pathToFileURL(join(outDir, 'entry.js')).href)) as typeof Codec
rmSync(outDir, { recursive: true, force: true })

const base64 = (json: unknown) => Buffer.from(JSON.stringify(json)).toString('base64url')

const LINKS: Record<string, string[]> = {
  dashed: [
    'https://shop.example/?ref=giveaway',
    'https://shop.example/?ref=giveaway--456',
    'https://shop.example/?p=ACC123&ref=giveaway--value1--738--value2--514--value3',
    'https://chat.example/?p=ACC123&ref=FLOW9--email--ann%40example.com--account_id--42--full_name--Ann%20Lee',
  ],
  base64json: [
    `https://shop.example/?ref=${base64({ e: 'email@gmail.com' })}`,
    `https://shop.example/?ref=${base64({ p: '79000000000', v: { city: 'Moscow' } })}`,
    `https://shop.example/?ref=${base64({ eId: 'externalId', v: { stage: '1', plan: 'pro' } })}`,
  ],
  segments: [
    'https://example.com/?bs_ref=block:s58fa63fe-6791-42bf-8674-fd4c377aa44f;user:gender:female;user:Source:Facebook;variables:color:black',
    'https://example.com/?bs_ref=user:first%20Name:John;user:last%20Name:Smith;user:birthday:1990-02-28;user:email:john%40example.com',
    'https://example.com/?ref=block:abc123;variables:color:black',
  ],
}

function rate(links: string[], decode: (link: string) => unknown, millis: number): number {
  let sink = 0
  for (let i = 0; i < 20_000; i++) sink ^= decode(links[i % links.length]) === null ? 1 : 0 // warm-up
  let count = 0
  const start = performance.now()
  let now = start
  while (now - start < millis) {
    for (let i = 0; i < 1000; i++) sink ^= decode(links[(count + i) % links.length]) === null ? 1 : 0
    count += 1000
    now = performance.now()
  }
  if (sink === 42) console.log('') // keeps the results alive
  return (count / (now - start)) * 1000
}

const millis = Number(process.env.BENCH_MS ?? 1500)
const rows: string[] = []
for (const [dialect, links] of Object.entries(LINKS)) {
  for (const link of links) {
    const intent = parseEntryLink(link)
    if (intent.dialect !== dialect || intent.rejected.length > 0) throw new Error(`bench link is not clean ${dialect}: ${link}`)
  }
  // Alternate the two a few times so drift in machine speed hits both alike.
  let floor = 0
  let ours = 0
  for (let round = 0; round < 3; round++) {
    floor += rate(links, (link) => new URL(link).searchParams.get('ref'), millis / 3)
    ours += rate(links, (link) => parseEntryLink(link), millis / 3)
  }
  floor /= 3
  ours /= 3
  rows.push(
    `| ${dialect} | ${Math.round(ours).toLocaleString('en')} | ${Math.round(floor).toLocaleString('en')} | ${(ours / floor).toFixed(2)} |`,
  )
}
const built = rate(
  [''],
  () => buildEntryLink({ ref: 'giveaway', payload: '456', fields: [{ key: '738', value: 'v' }] }, { channel: 'telegram', to: 'ShopBot' }),
  millis / 3,
)

console.log(`Node ${process.version}, ${millis} ms per figure\n`)
console.log('| dialect | parseEntryLink links/s | URL + searchParams.get links/s | ratio |')
console.log('|---|---:|---:|---:|')
for (const row of rows) console.log(row)
console.log(`\nbuildEntryLink (Telegram, dashed, with its round-trip check): ${Math.round(built).toLocaleString('en')} links/s`)
