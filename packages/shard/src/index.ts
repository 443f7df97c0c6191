export { shardOf } from './shard-of.js'
export { ShardSet, type ShardSetOptions } from './shard-set.js'
export { mergeTopK } from './top-k.js'
