// The QA panel of index.html: shows what the widget decoded and what the backend stored.
;(() => {
  const bot = 'demo'
  const $ = (id) => document.getElementById(id)
  const b64 = (json) => btoa(JSON.stringify(json)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
  const links = [
    ['dashed: bare ref', '?ref=giveaway'],
    ['dashed: payload to the coupon field', '?ref=giveaway--456'],
    ['dashed: payload and two fields', '?ref=giveaway--T-9--514--42--account_id--A-77'],
    ['dashed: en dashes copied from a vendor page', '?ref=tutorial%E2%80%93456'],
    ['dashed: web chat account, flow and pairs', '?p=demo&ref=FLOW9--email--ann%40example.com--account_id--42--full_name--Ann%20Lee'],
    ['dashed: JSON payload', `?ref=orderjsondata--${encodeURIComponent('{"items":[{"sku":"TR-42","qty":1}]}')}`],
    ['base64json: email', '?ref=eyJlIjoiZW1haWxAZ21haWwuY29tIn0'],
    ['base64json: phone, external id and variables', `?ref=${b64({ p: '79000000000', eId: 'CRM-1234', v: { city: 'Moscow' } })}`],
    [
      'segments: the seed link',
      '?bs_ref=block:s58fa63fe-6791-42bf-8674-fd4c377aa44f;user:gender:female;user:Source:Facebook;variables:color:black',
    ],
    [
      'segments: system attributes',
      '?bs_ref=user:first%20Name:John;user:last%20Name:Smith;user:birthday:1990-02-28;user:email:john%40example.com;block:captured',
    ],
    ['segments in ref, value with colons', '?ref=block:captured;variables:time:10:30'],
    ['edge: unfilled merge tags', '?ref=FLOW9--email--%7B%7Bemail%7D%7D--full_name--%7B%7Bfull_name%7D%7D'],
    ['edge: bad gender and impossible date', '?bs_ref=user:gender:robot;user:birthday:1990-02-30;variables:color:black;block:captured'],
    ['edge: prototype names', '?bs_ref=variables:__proto__:x;variables:constructor:y;variables:color:red;block:captured'],
    ['edge: unknown entry link', '?ref=spring-sale--X1'],
    ['edge: field of the wrong type', '?ref=giveaway--T1--514--big'],
    ['edge: unsigned user_id', '?ref=FLOW9--user_id--cust-42'],
    ['edge: link for another bot', '?p=otherbot&ref=giveaway--1'],
    ['edge: other parameters and a hash are kept', '?utm_source=mail&ref=giveaway--77&utm_campaign=spring#sale'],
  ]
  const list = $('qa-links')
  for (const [name, query] of links) {
    const item = document.createElement('li')
    const a = document.createElement('a')
    a.href = `/${query}`
    a.textContent = name
    item.append(a)
    list.append(item)
  }

  const events = $('qa-events')
  const log = (name, detail) => {
    const item = document.createElement('li')
    item.textContent = detail ? `${name}: ${detail}` : name
    events.prepend(item)
  }
  const showRejected = (items) => {
    const ul = $('qa-rejected')
    ul.replaceChildren()
    for (const text of items.length ? items : ['none']) {
      const li = document.createElement('li')
      li.textContent = text
      ul.append(li)
    }
  }
  async function refresh() {
    const token = localStorage.getItem(`doorway:${bot}:token`)
    if (!token) return
    const response = await fetch(`/v1/bots/${bot}/me`, { headers: { Authorization: `Bearer ${token}` } })
    $('qa-contact').textContent = JSON.stringify(await response.json(), null, 2)
  }
  $('qa-refresh').addEventListener('click', refresh)
  $('qa-reset').addEventListener('click', () => {
    for (const key of Object.keys(localStorage)) if (key.startsWith(`doorway:${bot}:`)) localStorage.removeItem(key)
    location.reload()
  })
  $('ask').addEventListener('click', () => Doorway('open'))
  $('qa-set').addEventListener('click', () => {
    Doorway('set', { fields: { coupon: 'QA-1' } })
    setTimeout(refresh, 500)
  })
  for (const button of document.querySelectorAll('[data-command]')) button.addEventListener('click', () => Doorway(button.dataset.command))

  const decoderRejections = []
  Doorway('on', 'ready', ({ contactId, intent }) => {
    log('ready', contactId)
    $('qa-intent').textContent = intent ? JSON.stringify(intent, null, 2) : 'no entry parameters in the address'
    for (const r of intent?.rejected ?? []) decoderRejections.push(`widget: ${r.part || '(empty)'}: ${r.reason}`)
    showRejected(decoderRejections)
    refresh()
  })
  Doorway('on', 'entry', ({ results }) => {
    log('entry', `${results.length} results`)
    const backend = results.filter((r) => r.status === 'rejected').map((r) => `backend: ${r.id}: ${r.message}`)
    showRejected([...decoderRejections, ...backend])
    refresh()
  })
  Doorway('on', 'open', () => log('open'))
  Doorway('on', 'close', () => log('close'))
  Doorway('on', 'message', (message) => {
    log('message', `${message.from} #${message.seq}`)
    if (message.from === 'visitor') refresh()
  })
  Doorway('on', 'error', (error) => log('error', `${error.code}: ${error.message}`))
})()
