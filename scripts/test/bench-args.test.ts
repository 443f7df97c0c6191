import { test } from 'tap'
import { parseBenchArgs } from '../bench/args.js'

test('bench:http › defaults are the issue\'s: 100k users, 1M games, 64 connections, 2,000 ids, both paths', async (t) => {
  const o = parseBenchArgs([])
  t.match(o, { users: 100_000, games: 1_000_000, connections: 64, ids: 2000, duration: 10, warmup: 2, direct: true, gateway: true, help: false })
  t.equal(o.data, undefined)
})

test('bench:http › a smaller data set and a shorter run by flag', async (t) => {
  const o = parseBenchArgs(['--users', '1000', '--games', '5000', '--duration', '3', '--warmup', '0', '--only', 'direct'])
  t.match(o, { users: 1000, games: 5000, duration: 3, warmup: 0, direct: true, gateway: false })
  t.equal(o.ids, 1000, 'never more ids than users')
  t.match(parseBenchArgs(['--only', 'gateway']), { direct: false, gateway: true })
})

test('bench:http › bad arguments are refused with the flag named', async (t) => {
  t.throws(() => parseBenchArgs(['--duration', '0']), /--duration must be an integer >= 1/)
  t.throws(() => parseBenchArgs(['--users', '1e5']), /--users must be an integer/)
  t.throws(() => parseBenchArgs(['--connections', '-3']), /--connections/)
  t.throws(() => parseBenchArgs(['--only', 'both']), /--only must be direct or gateway/)
  t.throws(() => parseBenchArgs(['--nope']), /nope/)
})
