import { test } from 'tap'
import { decodeCursor, encodeCursor } from '../src/index.js'

test('a cursor decodes to the key it was made from', async (t) => {
  for (const key of [{ at: 0, seq: 0 }, { at: 1_795_000_000_123, seq: 42 }, { at: Number.MAX_SAFE_INTEGER, seq: 999_999_999_999_999 }]) {
    const cursor = encodeCursor(key)
    t.match(cursor, /^[A-Za-z0-9_-]+$/, 'URL-safe')
    t.same(decodeCursor(cursor), key)
  }
})

test('anything the code did not issue decodes to undefined', async (t) => {
  for (const bad of ['', 'abc', Buffer.from('1.x').toString('base64url'), Buffer.from('-1.2').toString('base64url'), Buffer.from('1.2.3').toString('base64url'), Buffer.from(`${Number.MAX_SAFE_INTEGER + 2}.1`).toString('base64url'), Buffer.from(`1.${'9'.repeat(17)}`).toString('base64url')]) {
    t.equal(decodeCursor(bad), undefined, JSON.stringify(bad))
  }
})
