import { test } from 'tap'
import { bytesToUuid, isUuid, newUuid, uuidToBytes } from '../src/index.js'

test('a UUID string and its 16 stored bytes round trip, lower-cased', async (t) => {
  const id = 'F47AC10B-58CC-4372-A567-0E02B2C3D479'
  const bytes = uuidToBytes(id)
  t.equal(bytes.length, 16)
  t.equal(bytesToUuid(bytes), id.toLowerCase())
})

test('anything but the 8-4-4-4-12 hex form is not a UUID', async (t) => {
  for (const bad of ['', 'urn:uuid:f47ac10b-58cc-4372-a567-0e02b2c3d479', 'f47ac10b58cc4372a5670e02b2c3d479', 'g47ac10b-58cc-4372-a567-0e02b2c3d479']) {
    t.notOk(isUuid(bad), bad)
    t.throws(() => uuidToBytes(bad), TypeError)
  }
})

test('newUuid gives a fresh version 4 id with its bytes', async (t) => {
  const a = newUuid()
  const b = newUuid()
  t.not(a.id, b.id)
  t.match(a.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  t.equal(bytesToUuid(a.bytes), a.id)
})
