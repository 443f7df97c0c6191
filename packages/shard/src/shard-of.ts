import { uuidToBytes } from '@platform/ids'

/**
 * The shard of a user: the UUID's 16 bytes read as one unsigned big-endian integer, mod the
 * shard count. Horner's rule keeps every step below count * 256, so no BigInt is needed.
 */
export function shardOf (id: Uint8Array | string, shardCount: number): number {
  if (!Number.isInteger(shardCount) || shardCount < 1) throw new RangeError(`shard count must be a positive integer, got ${shardCount}`)
  const bytes = typeof id === 'string' ? uuidToBytes(id) : id
  if (bytes.length !== 16) throw new RangeError(`a user id is 16 bytes, got ${bytes.length}`)
  let rest = 0
  for (let i = 0; i < 16; i++) rest = (rest * 256 + bytes[i]!) % shardCount
  return rest
}
