import { buildLayout, readManifest, writersFor } from '@platform/stats/layout'
import { DEFAULT_SHARDS_DIR } from '@platform/stats/config'
import { cli, integer, userPath } from '../lib/args.js'
import { killAt } from '../lib/failpoint.js'
import { progress } from '../lib/progress.js'
import { timed } from '../lib/timed.js'
import { generateStaged, GENERATE_DEFAULTS } from './generate.js'

const usage = `usage: pnpm stats:populate [--users 100000] [--games 1000000] [--seed 2022] [--shards 3] [--out DIR] [--force | --if-empty]
Generates a deterministic data set (faker usernames, random games) and writes a sharded layout
into DIR (default $SHARDS_DIR, else shards/) as a new generation, committed by renaming layout.json.
--force replaces an existing layout (refused while stats instances use DIR); --if-empty: do nothing
when DIR holds a layout already.`

const args = cli(usage, {
  users: { type: 'string' },
  games: { type: 'string' },
  seed: { type: 'string' },
  shards: { type: 'string' },
  out: { type: 'string' },
  force: { type: 'boolean' },
  'if-empty': { type: 'boolean' }
})

const options = {
  ...GENERATE_DEFAULTS,
  users: integer('users', args.users, GENERATE_DEFAULTS.users),
  games: integer('games', args.games, GENERATE_DEFAULTS.games),
  seed: integer('seed', args.seed, GENERATE_DEFAULTS.seed)
}
const shardCount = integer('shards', args.shards, 3, 1)
const out = typeof args.out === 'string' ? userPath(args.out) : (process.env.SHARDS_DIR || DEFAULT_SHARDS_DIR)
const bar = progress()
const started = performance.now()
try {
  if (args['if-empty'] && readManifest(out)) process.exit(0)
  // The writer threads start now, their start-up overlapping the generation; the users file is
  // filled on one of them while the games are drawn.
  const writers = writersFor(options.users + options.games, shardCount)
  const { users, games } = generateStaged(options, bar.update)
  const generating = timed(games, performance.now() - started)
  const result = await buildLayout({ users, games: generating.run }, { out, shardCount, force: args.force === true, onProgress: bar.update, onStep: killAt(), writers })
  bar.stop()
  const seconds = (performance.now() - started) / 1000
  const rows = result.users + result.games
  process.stdout.write(
    `populated ${out}: ${result.users.toLocaleString('en-US')} users, ${result.games.toLocaleString('en-US')} games ` +
      `in ${shardCount} shards, ${seconds.toFixed(1)} s (generate ${(generating.ms() / 1000).toFixed(1)} s), ` +
      `${Math.round(rows / seconds).toLocaleString('en-US')} rows/s\n`
  )
} catch (err) {
  bar.stop()
  process.stderr.write(`stats:populate: ${(err as Error).message}\n`)
  process.exit(1)
}
