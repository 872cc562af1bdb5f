import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BotFolderError, loadBots } from '../../../demo/bot/load.ts'
import { BotFileError, readBot, validateBot } from '../../../demo/bot/validate.ts'
import { root } from '../server-harness.ts'

const demo = JSON.parse(readFileSync(join(root, 'demo', 'bots', 'demo.json'), 'utf8'))
const clone = () => structuredClone(demo)

function problem(mutate: (bot: ReturnType<typeof clone>) => void): string {
  const bot = clone()
  mutate(bot)
  try {
    validateBot(bot, 'bots/x.json', {})
  } catch (error) {
    expect(error).toBeInstanceOf(BotFileError)
    return (error as Error).message
  }
  throw new Error('the bot validated')
}

describe('bot files', () => {
  it('loads the demo bot, with the built-in payload field', () => {
    const bot = loadBots(join(root, 'demo', 'bots')).get('demo')
    expect(bot?.fields[0].id).toBe('user_external_identifier')
    expect(bot?.links.map((l) => l.name)).toContain('giveaway')
  })

  it.each<[string, (bot: ReturnType<typeof clone>) => void, string]>([
    [
      'an unknown goto',
      (b) => (b.blocks.welcome[1].replies[0].goto = 'nowhere'),
      'bots/x.json: blocks.welcome[1].replies[0].goto: unknown block "nowhere"',
    ],
    ['an unknown step type', (b) => (b.blocks.catalog[0].type = 'video'), 'bots/x.json: blocks.catalog[0].type: unknown step type "video"'],
    [
      'a bad field type',
      (b) => (b.fields[1].type = 'integer'),
      'bots/x.json: fields[1].type: type must be one of text, number, email, phone, date',
    ],
    ['an unknown key', (b) => (b.colour = 'red'), 'bots/x.json: colour: unknown key'],
    ['a missing default block', (b) => (b.defaultBlock = 'start'), 'bots/x.json: defaultBlock: unknown block "start"'],
    [
      'an unknown payload field',
      (b) => (b.links[0].payloadField = '999'),
      'bots/x.json: links[0].payloadField: unknown custom field "999"',
    ],
    [
      'a condition on an unknown variable',
      (b) => (b.blocks.giveaway[0].target = { variable: 'mood' }),
      'bots/x.json: blocks.giveaway[0].target.variable: unknown variable "mood"',
    ],
    ['an unknown fallback block', (b) => (b.fallbackBlock = 'nowhere'), 'bots/x.json: fallbackBlock: unknown block "nowhere"'],
    ['a short secret', (b) => (b.secret = 'short'), 'bots/x.json: secret: a signing secret needs at least 16 characters'],
    [
      'a field named like a system attribute',
      (b) => (b.fields[0].name = 'email'),
      'bots/x.json: fields[0].name: "email" is a system attribute name',
    ],
    [
      'an option with both goto and url',
      (b) => (b.blocks.catalog[1].buttons[1].goto = 'welcome'),
      'bots/x.json: blocks.catalog[1].buttons[1]: needs exactly one of goto or url',
    ],
    [
      'a goal that is no block',
      (b) => (b.goals = ['giveaway_done', 'checkout']),
      'bots/x.json: goals[1]: unknown block "checkout"; blocks are welcome,',
    ],
    ['a goal named twice', (b) => (b.goals = ['size_ok', 'size_ok']), 'bots/x.json: goals[1]: block "size_ok" is a goal twice'],
    ['goals that are not a list', (b) => (b.goals = 'size_ok'), 'bots/x.json: goals: '],
    ['a goal that is not a block id', (b) => (b.goals = [7]), 'bots/x.json: goals[0]: '],
    ['an avatar that is no address', (b) => (b.avatar = 'javascript:alert(1)'), 'bots/x.json: avatar: "javascript:alert(1)" must match'],
    ['a theme that is no object', (b) => (b.theme = '#fff'), 'bots/x.json: theme: must be an object'],
    ['an accent that is no colour', (b) => (b.theme = { accent: 'red' }), 'bots/x.json: theme.accent: "red" must match'],
    ['a radius out of range', (b) => (b.theme = { radius: 25 }), 'bots/x.json: theme.radius: must be a whole number of px from 0 to 24'],
    ['a radius that is text', (b) => (b.theme = { radius: '8px' }), 'bots/x.json: theme.radius: must be a whole number'],
    ['a font with a declaration', (b) => (b.theme = { font: 'x; color: red' }), 'bots/x.json: theme.font: "x; color: red" must match'],
    ['a font with url()', (b) => (b.theme = { font: 'url(x)' }), 'bots/x.json: theme.font: "url(x)" must match'],
    ['an unknown theme key', (b) => (b.theme = { colour: '#fff' }), 'bots/x.json: theme.colour: unknown key'],
    [
      'an empty teaser',
      (b) => (b.teaser = ''),
      'bots/x.json: teaser: must be a string of 1 to 140 characters with something visible in it',
    ],
    ['a teaser of spaces and marks only', (b) => (b.teaser = ' \u200b\u202e\u0301 '), 'bots/x.json: teaser: must be a string of 1 to 140'],
    ['a teaser of 141 characters', (b) => (b.teaser = 'x'.repeat(141)), 'bots/x.json: teaser: must be a string of 1 to 140'],
    ['a teaser that is no text', (b) => (b.teaser = { en: 'Hi' }), 'bots/x.json: teaser: must be a string'],
    ["a link's teaser that is no text", (b) => (b.links[1].teaser = 42), 'bots/x.json: links[1].teaser: must be a string of 1 to 140'],
  ])('refuses %s, naming the file, the path and the problem', (_name, mutate, message) => {
    expect(problem(mutate)).toContain(message)
  })

  it('reads the goal blocks, and none when the file marks none', () => {
    expect(validateBot(clone(), 'bots/x.json', {}).goals).toEqual(['giveaway_done', 'size_ok'])
    const bot = clone()
    delete bot.goals
    expect(validateBot(bot, 'bots/x.json', {}).goals).toEqual([])
  })

  it("reads the bot's avatar and theme, and leaves out what the file leaves out", () => {
    const bot = clone()
    bot.theme = { accent: '#7a0019', radius: 0, font: '"Inter", system-ui, sans-serif' }
    const read = validateBot(bot, 'x.json', {})
    expect([read.avatar, read.theme]).toEqual(['/shoe.svg', { accent: '#7a0019', radius: 0, font: '"Inter", system-ui, sans-serif' }])
    delete bot.avatar
    delete bot.theme
    const plain = validateBot(bot, 'x.json', {})
    expect(['avatar' in plain, 'theme' in plain]).toEqual([false, false])
  })

  it("reads the bot's and the links' teasers, up to 140 characters, and leaves out what the file leaves out", () => {
    const bot = clone()
    bot.teaser = `👋 ${'x'.repeat(138)}`
    bot.links[0].teaser = 'Your ticket is waiting'
    const read = validateBot(bot, 'x.json', {})
    expect([read.teaser, read.links[0].teaser]).toEqual([bot.teaser, 'Your ticket is waiting'])
    // Characters, not UTF-16 units: the emoji is one.
    expect([...(read.teaser ?? '')].length).toBe(140)
    delete bot.teaser
    delete bot.links[0].teaser
    const plain = validateBot(bot, 'x.json', {})
    expect(['teaser' in plain, 'teaser' in plain.links[0]]).toEqual([false, false])
  })

  it('reads a secret from the environment with env:NAME', () => {
    const bot = clone()
    bot.secret = 'env:MY_BOT_SECRET'
    expect(validateBot(bot, 'x.json', { MY_BOT_SECRET: 'from-the-environment' }).secret).toBe('from-the-environment')
  })

  it('stops the demo at start with the message, when a bot file does not validate', () => {
    const dir = mkdtempSync(join(tmpdir(), 'doorway-bots-'))
    writeFileSync(join(dir, 'broken.json'), '{ "id": "broken", ')
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'demo', 'cli', 'main.ts')], {
      env: { ...process.env, BOTS_DIR: dir, PORT: '0', DATA_DIR: dir },
      encoding: 'utf8',
      timeout: 20_000,
    })
    expect(result.status).toBe(1)
    expect(result.stderr).toContain(`doorway-demo: cannot start: ${join(dir, 'broken.json')}: (top level): not valid JSON`)
  })
})

describe('every problem of a bot file at once', () => {
  it('names each problem of a file on its own line, instead of stopping at the first', () => {
    const message = problem((b) => {
      b.colour = 'red'
      b.fields[1].type = 'integer'
      b.blocks.welcome[1].replies[0].goto = 'nowhere'
      b.blocks.catalog[0].type = 'video'
      b.defaultBlock = 'start'
    })
    expect(message.split('\n')).toEqual([
      'bots/x.json: colour: unknown key; expected one of $schema, id, name, tagline, avatar, theme, teaser, secret, webhook, engine, api, allowedOrigins, fields, variables, links, defaultBlock, fallbackBlock, goals, blocks',
      'bots/x.json: fields[1].type: type must be one of text, number, email, phone, date',
      expect.stringContaining('bots/x.json: blocks.welcome[1].replies[0].goto: unknown block "nowhere"'),
      'bots/x.json: blocks.catalog[0].type: unknown step type "video"',
      expect.stringContaining('bots/x.json: defaultBlock: unknown block "start"'),
    ])
  })

  it('gives the problems as data too', () => {
    const bot = clone()
    bot.variables.push({ name: '__proto__' }, { name: 'constructor' })
    const { bot: read, problems } = readBot(bot, {})
    expect(read).toBeNull()
    expect(problems).toEqual([
      { path: `variables[${bot.variables.length - 2}].name`, problem: '"__proto__" is reserved' },
      { path: `variables[${bot.variables.length - 1}].name`, problem: '"constructor" is reserved' },
    ])
  })

  it('does not pile follow-up problems on a value that is not an object', () => {
    const bot = clone()
    bot.fields.push(42)
    bot.links.push('x')
    expect(readBot(bot, {}).problems).toEqual([
      { path: `fields[${bot.fields.length - 1}]`, problem: 'must be an object' },
      { path: `links[${bot.links.length - 1}]`, problem: 'must be an object' },
    ])
    expect(readBot('a bot', {}).problems).toEqual([{ path: '', problem: 'must be an object' }])
  })

  it('refuses a system attribute target by its canonical name only, as widget/entry names them', () => {
    expect(problem((b) => (b.blocks.giveaway[0].target = { user: 'firstName' }))).toContain(
      'blocks.giveaway[0].target.user: unknown system attribute "firstName"',
    )
  })

  it('lists every file of a folder that does not load', () => {
    const dir = mkdtempSync(join(tmpdir(), 'doorway-bots-'))
    writeFileSync(join(dir, 'a.json'), '{')
    writeFileSync(join(dir, 'b.json'), JSON.stringify({ ...clone(), secret: 'short' }))
    writeFileSync(join(dir, 'c.json'), JSON.stringify(clone()))
    writeFileSync(join(dir, 'd.json'), JSON.stringify(clone()))
    expect(() => loadBots(dir, {})).toThrow(BotFolderError)
    try {
      loadBots(dir, {})
    } catch (error) {
      const lines = (error as BotFolderError).message.split('\n')
      expect(lines).toHaveLength(3)
      expect(lines[0]).toContain(`${join(dir, 'a.json')}: (top level): not valid JSON`)
      expect(lines[1]).toBe(`${join(dir, 'b.json')}: secret: a signing secret needs at least 16 characters`)
      expect(lines[2]).toBe(`${join(dir, 'd.json')}: id: bot id "demo" is used by another file too`)
    }
  })
})
