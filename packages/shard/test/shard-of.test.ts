import { test } from 'tap'
import { uuidToBytes } from '@platform/ids'
import { shardOf, mergeTopK } from '../src/index.js'

// The reference: the same definition written with BigInt, straight from the design note.
function reference (id: string, count: number): number {
  return Number(BigInt('0x' + id.replaceAll('-', '')) % BigInt(count))
}

test('shardOf reads the 16 bytes as an unsigned big-endian integer mod the count', async (t) => {
  t.equal(shardOf('00000000-0000-0000-0000-000000000000', 3), 0)
  t.equal(shardOf('00000000-0000-0000-0000-000000000001', 3), 1)
  t.equal(shardOf('00000000-0000-0000-0000-000000000005', 3), 2)
  // 2^128 - 1 is divisible by 3 (2^2 = 1 mod 3, so 2^128 = 1).
  t.equal(shardOf('ffffffff-ffff-ffff-ffff-ffffffffffff', 3), 0)
  const ids = ['9b2f3c1e-5d4a-4e8b-9c7d-1a2b3c4d5e6f', 'f47ac10b-58cc-4372-a567-0e02b2c3d479', '123e4567-e89b-12d3-a456-426614174000']
  for (const id of ids) {
    for (const count of [1, 2, 3, 5, 7, 16, 1000]) t.equal(shardOf(id, count), reference(id, count), `${id} mod ${count}`)
    t.equal(shardOf(uuidToBytes(id), 3), shardOf(id, 3), 'bytes and string agree')
  }
})

test('shardOf rejects a bad count and a wrong-sized id', async (t) => {
  t.throws(() => shardOf('123e4567-e89b-12d3-a456-426614174000', 0), RangeError)
  t.throws(() => shardOf(new Uint8Array(8), 3), RangeError)
})

test('mergeTopK takes the best k across sorted lists, ties in order', async (t) => {
  const byScoreThenName = (a: { s: number; n: string }, b: { s: number; n: string }) => b.s - a.s || a.n.localeCompare(b.n)
  const lists = [
    [{ s: 9, n: 'c' }, { s: 5, n: 'a' }],
    [{ s: 9, n: 'b' }, { s: 7, n: 'z' }, { s: 1, n: 'q' }],
    []
  ]
  t.same(mergeTopK(lists, 3, byScoreThenName).map((x) => x.n), ['b', 'c', 'z'])
  t.same(mergeTopK(lists, 10, byScoreThenName).length, 5, 'fewer than k when the lists run out')
})
