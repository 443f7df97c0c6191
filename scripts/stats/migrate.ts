import { join } from 'node:path'
import Database from 'better-sqlite3'
import { buildLayout, readManifest } from '@platform/stats/layout'
import { cli, integer, userPath } from '../lib/args.js'
import { progress } from '../lib/progress.js'
import { readSource } from './read-source.js'

const usage = `usage: pnpm stats:migrate --from FILE --out DIR [--shards 3] [--force]
Copies a single database in the course's schema into the sharded layout, with fresh UUIDs.`

const args = cli(usage, { from: { type: 'string' }, out: { type: 'string' }, shards: { type: 'string' }, force: { type: 'boolean' } })
if (typeof args.from !== 'string' || typeof args.out !== 'string') {
  process.stderr.write(`--from and --out are required\n${usage}\n`)
  process.exit(2)
}
const from = userPath(args.from as string)
const out = userPath(args.out as string)
const shardCount = integer('shards', args.shards, 3, 1)

const bar = progress()
const started = performance.now()
try {
  const { input, counts } = readSource(from)
  await buildLayout(input, { out, shardCount, force: args.force === true, onProgress: bar.update })
  bar.stop()

  // Count again from the files themselves: what was written, not what was meant to be.
  const manifest = readManifest(out)!
  const count = (file: string, table: string) => {
    const db = new Database(join(out, file), { readonly: true })
    const n = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
    db.close()
    return n
  }
  const users = count(manifest.users, 'users')
  const games = manifest.shards.reduce((n, f) => n + count(f, 'games'), 0)
  if (users !== counts.users || games !== counts.games) {
    throw new Error(`counts differ: source ${counts.users} users / ${counts.games} games, layout ${users} / ${games}`)
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  process.stdout.write(`migrated ${from} -> ${out}: ${users} users, ${games} games in ${shardCount} shards, counts match (${seconds} s)\n`)
} catch (err) {
  bar.stop()
  process.stderr.write(`stats:migrate: ${(err as Error).message}\n`)
  process.exit(1)
}
