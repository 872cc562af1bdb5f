import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../../demo/store/migrations.ts'
import { hashToken, scopedId } from '../../../demo/store/scoped-id.ts'
import { Store } from '../../../demo/store/store.ts'

// The store on its own: migrations, sequence numbers, scoped ids, identities, transactions.
const TOKEN = 'a-visitor-token-22-chars'
const OTHER = 'another-visitor-token-22'

let dir: string
let store: Store
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'doorway-store-'))
  store = new Store(join(dir, 'doorway.sqlite'))
})
afterEach(() => {
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the store', () => {
  it('migrates a new file to the latest version, and keeps the data when it is opened again', () => {
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
    const contact = store.createContact('demo', TOKEN)
    store.close()
    store = new Store(join(dir, 'doorway.sqlite'))
    expect(store.contactByToken('demo', TOKEN)?.id).toBe(contact.id)
  })

  it('refuses a file from a newer server instead of writing into it', () => {
    store.close()
    const db = new Database(join(dir, 'doorway.sqlite'))
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`)
    db.close()
    expect(() => new Store(join(dir, 'doorway.sqlite'))).toThrow(/newer than this server's/)
    store = new Store(':memory:')
  })

  it('keeps the token only as its hash, and finds the contact per bot', () => {
    const contact = store.createContact('demo', TOKEN)
    expect(store.db.prepare('SELECT token_hash FROM visitors').pluck().all()).toEqual([hashToken(TOKEN)])
    expect(store.contactByToken('demo', TOKEN)?.id).toBe(contact.id)
    expect(store.contactByToken('other-bot', TOKEN)).toBeUndefined()
  })

  it('numbers messages 1, 2, 3 per contact and pages them', () => {
    const a = store.createContact('demo', TOKEN).id
    const b = store.createContact('demo', OTHER).id
    const seqs = ['one', 'two', 'three'].map((text) => store.addMessage(a, 'bot', { kind: 'text', text }, [{ goto: 'x' }], null).seq)
    expect(seqs).toEqual([1, 2, 3])
    expect(store.addMessage(b, 'visitor', { kind: 'text', text: 'hi' }, undefined, null).seq).toBe(1)
    expect(store.messagesAfter(a, 1, 1).map((m) => m.text)).toEqual(['two'])
    expect(store.contact(a)?.last_seq).toBe(3)
    expect(store.messageActions(a, 2)).toEqual([{ goto: 'x' }])
    expect(store.messageActions(b, 1)).toBeUndefined()
  })

  it('finds a saved result only under the id of the visitor that made it, and a legacy bare id within its contact', () => {
    const a = store.createContact('demo', TOKEN).id
    store.saveUpdateResult(a, scopedId(TOKEN, 'u1'), { id: 'u1', status: 'stored' })
    expect(store.updateResult(a, scopedId(TOKEN, 'u1'))).toEqual({ id: 'u1', status: 'stored' })
    expect(store.updateResult(a, scopedId(OTHER, 'u2'))).toBeUndefined()
    store.saveIntentResult('demo', 'legacy', a, { old: true })
    expect(store.intentResult('demo', scopedId(TOKEN, 'legacy'), a)).toEqual({ contactId: a, result: { old: true } })
    expect(store.intentResult('demo', scopedId(TOKEN, 'legacy'), 'c_someone_else')).toBeUndefined()
  })

  it('joins a token to the contact a signed user_id named, and to no other', () => {
    const a = store.createContact('demo', TOKEN)
    store.bindUserId('demo', 'cust-1', a.id)
    expect(store.contactByUserId('demo', 'cust-1')?.id).toBe(a.id)
    expect(store.userIdOf(a.id)).toBe('cust-1')
    expect(store.values(a.id).attributes).toEqual({ user_id: 'cust-1' })
    store.setAttribute(store.createContact('demo', OTHER).id, 'user_id', 'cust-2')
    expect(store.contactByUserId('demo', 'cust-2')).toBeUndefined()
    expect(() => store.bindUserId('demo', 'cust-1', a.id)).toThrow()
  })

  it('applies a transaction whole or not at all', () => {
    const a = store.createContact('demo', TOKEN).id
    expect(() =>
      store.transaction(() => {
        store.setVariable(a, 'mood', 'happy')
        throw new Error('boom')
      }),
    ).toThrow('boom')
    expect(store.values(a).variables).toEqual({})
    store.transaction(() => store.setVariable(a, 'mood', 'happy'))
    expect(store.values(a).variables).toEqual({ mood: 'happy' })
  })

  it('counts link opens per link, and contacts that got fields from them', () => {
    const a = store.createContact('demo', TOKEN).id
    const b = store.createContact('demo', OTHER).id
    store.recordLinkOpen('demo', 'spring', true, a, 2)
    store.recordLinkOpen('demo', 'spring', true, a, 1)
    store.recordLinkOpen('demo', 'spring', true, b, 0)
    store.recordLinkOpen('demo', 'typo', false, b, 0)
    expect(store.linkStats('demo')).toEqual([
      { link: 'spring', known: true, opens: 3, contactsWithFields: 1 },
      { link: 'typo', known: false, opens: 1, contactsWithFields: 0 },
    ])
    expect(store.linkOpens(b).map((o) => o.link)).toEqual(['spring', 'typo'])
  })
})
