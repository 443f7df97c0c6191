export { shardOf, uuidToBytes, bytesToUuid, isUuid } from './shard-of.js'
export { ShardSet, shardFileName, type ShardSetOptions } from './shard-set.js'
export { mergeTopK } from './top-k.js'
