import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir, cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { buildLayout, writersFor } from '@platform/stats/layout'
import { cli, integer } from '../lib/args.js'
import { timed } from '../lib/timed.js'
import { folderBytes, readRows, writeCourseDb, writeFloor } from './bench-floor.js'
import { generate, generateStaged, GENERATE_DEFAULTS } from './generate.js'
import { openSource, sourceRows } from './read-source.js'

const usage = `usage: pnpm bench:populate [--users 100000] [--games 1000000] [--runs 3] [--no-migrate] [--json FILE]
Times, in one run each: populate and migrate as their CLIs run them (populate: generate + build
the sharded layout; migrate: read a course-format database + build), the build alone (of data
made beforehand), and the floor: bare better-sqlite3 inserts of the same rows into the same files,
one transaction each, on one thread. Prints the ratios to the floor, rows/s and file sizes.`
const args = cli(usage, { users: { type: 'string' }, games: { type: 'string' }, runs: { type: 'string' }, 'no-migrate': { type: 'boolean' }, json: { type: 'string' } })
const options = {
  ...GENERATE_DEFAULTS,
  users: integer('users', args.users, GENERATE_DEFAULTS.users),
  games: integer('games', args.games, GENERATE_DEFAULTS.games)
}
const runs = integer('runs', args.runs, 3, 1)
const withMigrate = args['no-migrate'] !== true

const s = (ms: number) => (ms / 1000).toFixed(2)
// Best of the runs: on a shared VM, other processes only ever add time.
const best = (xs: number[]) => Math.min(...xs)
const rows = options.users + options.games

process.stdout.write(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`)
process.stdout.write(`${options.users.toLocaleString('en-US')} users / ${options.games.toLocaleString('en-US')} games, 3 shards, ${runs} run(s)\n`)
const m = { generate: [] as number[], build: [] as number[], populate: [] as number[], read: [] as number[], migrate: [] as number[], floor: [] as number[], bytes: 0 }
/** CPU time (user + system) of this process, ms: steadier than wall time on a shared VM. */
const cpu = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}
const c = { build: [] as number[], populate: [] as number[], migrate: [] as number[], floor: [] as number[] }
for (let r = 1; r <= runs; r++) {
  const work = mkdtempSync(join(tmpdir(), 'bench-populate-'))
  try {
    // Populate as the CLI runs it: the writer threads start first (their start-up overlapping the
    // generation), and the users file is filled on one of them while the games are drawn.
    const c0 = cpu()
    const t0 = performance.now()
    const writers = writersFor(rows, 3)
    const staged = generateStaged(options)
    const generating = timed(staged.games, performance.now() - t0)
    await buildLayout({ users: staged.users, games: generating.run }, { out: join(work, 'populated'), shardCount: 3, writers })
    const t2 = performance.now()
    c.populate.push(cpu() - c0)
    m.generate.push(generating.ms())
    m.populate.push(t2 - t0)
    m.bytes = folderBytes(join(work, 'populated'))

    // The build alone, of the whole data set made beforehand (untimed); its threads' start-up counted.
    const input = generate(options)
    const c1 = cpu()
    const t1 = performance.now()
    await buildLayout(input, { out: join(work, 'built'), shardCount: 3 })
    m.build.push(performance.now() - t1)
    c.build.push(cpu() - c1)

    const same = readRows(join(work, 'populated'))
    const c3 = cpu()
    const t3 = performance.now()
    writeFloor(join(work, 'floor'), same)
    const t4 = performance.now()
    m.floor.push(t4 - t3)
    c.floor.push(cpu() - c3)

    let line = `run ${r}: floor ${s(t4 - t3)} s | populate ${s(t2 - t0)} s (generate ${s(generating.ms())}) | build alone ${s(m.build[m.build.length - 1]!)} s`
    if (withMigrate) {
      const source = join(work, 'course.db')
      writeCourseDb(source, input)
      // As the CLI runs it: threads first, the users file filled while the games are read.
      const c5 = cpu()
      const t5 = performance.now()
      const migrateWriters = writersFor(sourceRows(source), 3)
      const opened = openSource(source)
      const reading = timed(opened.input.games, performance.now() - t5)
      await buildLayout({ users: opened.input.users, games: reading.run }, { out: join(work, 'migrated'), shardCount: 3, writers: migrateWriters })
      const t7 = performance.now()
      c.migrate.push(cpu() - c5)
      m.read.push(reading.ms())
      m.migrate.push(t7 - t5)
      line += ` | migrate ${s(t7 - t5)} s (read ${s(reading.ms())})`
    }
    process.stdout.write(line + '\n')
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
const floor = best(m.floor)
const floorCpu = best(c.floor)
const report = (name: string, ms: number, cpuMs: number) =>
  process.stdout.write(
    `${name.padEnd(22)} ${s(ms).padStart(7)} s  ${Math.round(rows / (ms / 1000)).toLocaleString('en-US').padStart(10)} rows/s  ` +
      `${(ms / floor).toFixed(2)}x floor | cpu ${s(cpuMs).padStart(7)} s  ${(cpuMs / floorCpu).toFixed(2)}x floor\n`
  )
process.stdout.write(`best of the runs, wall and CPU (${rows.toLocaleString('en-US')} rows; layout ${(m.bytes / 2 ** 20).toFixed(1)} MiB):\n`)
report('floor (bare inserts)', floor, floorCpu)
report('build alone', best(m.build), best(c.build))
report('populate total', best(m.populate), best(c.populate))
if (withMigrate) report('migrate total', best(m.migrate), best(c.migrate))
if (typeof args.json === 'string') {
  writeFileSync(args.json, JSON.stringify({
    users: options.users,
    games: options.games,
    rows,
    bytes: m.bytes,
    floor_s: floor / 1000,
    floor_cpu_s: floorCpu / 1000,
    populate_cpu_s: best(c.populate) / 1000,
    build_cpu_s: best(c.build) / 1000,
    migrate_cpu_s: withMigrate ? best(c.migrate) / 1000 : null,
    populate_s: best(m.populate) / 1000,
    generate_s: best(m.generate) / 1000,
    build_s: best(m.build) / 1000,
    migrate_s: withMigrate ? best(m.migrate) / 1000 : null
  }, null, 2) + '\n')
}
