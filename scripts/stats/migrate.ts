import { buildLayout, readManifest, writersFor } from '@platform/stats/layout'
import { cli, integer, userPath } from '../lib/args.js'
import { killAt } from '../lib/failpoint.js'
import { progress } from '../lib/progress.js'
import { openSource, sourceRows } from './read-source.js'

const usage = `usage: pnpm stats:migrate --from FILE --out DIR [--shards 3] [--force]
Copies a single database in the course's schema into the sharded layout, with fresh UUIDs. The
rows counted in the new files must equal the source's before the new layout is committed;
--force replaces an existing layout (refused while stats instances use DIR).`

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
  if (args.force !== true && readManifest(out)) throw new Error(`${out} already holds a layout; pass --force to replace it`)
  // The writer threads start now, their start-up overlapping the reading; the users file is
  // filled on one of them while the games are read.
  const writers = writersFor(sourceRows(from), shardCount)
  const { input, counts } = openSource(from)
  // Counted from the new files themselves (what was written, not what was meant to be), before
  // the commit: on a difference the old layout stays and the new files are removed.
  let counted = { users: 0, games: 0 }
  await buildLayout(input, {
    out,
    shardCount,
    force: args.force === true,
    onProgress: bar.update,
    onStep: killAt(),
    writers,
    beforeCommit (rows) {
      counted = rows
      if (rows.users !== counts.users || rows.games !== counts.games) {
        throw new Error(`counts differ: source ${counts.users} users / ${counts.games} games, new files ${rows.users} / ${rows.games}; the old layout is kept`)
      }
    }
  })
  bar.stop()
  const { users, games } = counted
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  process.stdout.write(`migrated ${from} -> ${out}: ${users} users, ${games} games in ${shardCount} shards, counts match (${seconds} s)\n`)
} catch (err) {
  bar.stop()
  process.stderr.write(`stats:migrate: ${(err as Error).message}\n`)
  process.exit(1)
}
