// Any 128-bit value in the 8-4-4-4-12 form, as JSON Schema's "uuid" format accepts it: the
// uuid package's parse() insists on a version nibble, and a client-sent id it refuses must
// still be a clean 404, not a 500.
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isUuid(id: string): boolean {
  return UUID_RE.test(id)
}

/** A UUID string as the 16-byte BLOB stored in the databases. */
export function uuidToBytes(id: string): Buffer {
  if (!UUID_RE.test(id)) throw new TypeError(`not a UUID: ${JSON.stringify(id)}`)
  return Buffer.from(id.replaceAll('-', ''), 'hex')
}

/** The stored 16 bytes back to the canonical lower-case string. */
export function bytesToUuid(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/**
 * The shard of a user: the UUID's 16 bytes read as one unsigned big-endian integer, mod the
 * shard count. Horner's rule keeps every step below count * 256, so no BigInt is needed.
 */
export function shardOf(id: Uint8Array | string, shardCount: number): number {
  if (!Number.isInteger(shardCount) || shardCount < 1) throw new RangeError(`shard count must be a positive integer, got ${shardCount}`)
  const bytes = typeof id === 'string' ? uuidToBytes(id) : id
  if (bytes.length !== 16) throw new RangeError(`a user id is 16 bytes, got ${bytes.length}`)
  let rest = 0
  for (let i = 0; i < 16; i++) rest = (rest * 256 + bytes[i]!) % shardCount
  return rest
}
