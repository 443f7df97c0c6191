import { test } from 'tap'
import { chooseStore, FORMATION_SOCKET, loadLikesConfig, redisTarget } from '../src/config.js'

const base = { LIKES_STORE: 'auto', DATABASE_FILE: '/tmp/likes.db' }

test('the store: REDIS_URL, else the formation\'s Redis where redis-server exists, else SQLite', async (t) => {
  const withRedis = process.env.PATH ?? ''
  t.same(chooseStore({ ...base, REDIS_URL: 'redis://10.0.0.5:6379' }, ''), { kind: 'redis', target: { url: 'redis://10.0.0.5:6379' } })
  t.same(chooseStore(base, withRedis), { kind: 'redis', target: { path: FORMATION_SOCKET } }, 'redis-server on PATH: the formation runs one')
  t.same(chooseStore(base, '/nonexistent'), { kind: 'sqlite', file: '/tmp/likes.db' }, 'no redis-server: the embedded store')
  t.same(chooseStore({ ...base, LIKES_STORE: 'redis' }, '/nonexistent'), { kind: 'redis', target: { path: FORMATION_SOCKET } }, 'LIKES_STORE=redis insists')
  t.same(chooseStore({ ...base, LIKES_STORE: 'sqlite', REDIS_URL: 'redis://x' }, withRedis), { kind: 'sqlite', file: '/tmp/likes.db' }, 'LIKES_STORE=sqlite wins')
  t.match(FORMATION_SOCKET, /\/redis\/redis\.sock$/)
})

test('REDIS_URL: redis:// and rediss:// URLs, or unix: socket paths', async (t) => {
  t.same(redisTarget('unix:/run/redis.sock'), { path: '/run/redis.sock' })
  t.same(redisTarget('unix:///run/redis.sock'), { path: '/run/redis.sock' })
  t.same(redisTarget('rediss://u:p@host:6380/2'), { url: 'rediss://u:p@host:6380/2' })
  t.same(loadLikesConfig({ REDIS_URL: 'unix:/tmp/r.sock' }).store, { kind: 'redis', target: { path: '/tmp/r.sock' } })
  for (const bad of ['localhost:6379', 'http://x', 'unix:relative.sock']) {
    t.throws(() => loadLikesConfig({ REDIS_URL: bad }), /REDIS_URL/, bad)
  }
  t.throws(() => loadLikesConfig({ LIKES_STORE: 'memcached' }), /LIKES_STORE/)
})
