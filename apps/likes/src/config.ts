import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'
import { Type } from 'typebox'
import { DATA_DIR, loadConfig } from '@platform/kit'
import { databaseFileConfig } from '@platform/sqlite'
import type { RedisTarget } from './redis-store.js'

/**
 * Where the formation's Redis listens (scripts/redis-server.sh, the Procfile's `redis` line):
 * a unix socket in the formation's DATA_DIR, so two formations never share one by accident.
 */
export const FORMATION_SOCKET = join(DATA_DIR, 'redis', 'redis.sock')

// sun_path holds 107 bytes on Linux, 103 on macOS: a longer path cannot be connected to.
const MAX_SOCKET_PATH = 103

export type StoreChoice = { kind: 'redis', target: RedisTarget } | { kind: 'sqlite', file: string }

/** True when an executable `name` is in one of PATH's folders. */
export function onPath (name: string, path: string): boolean {
  return path.split(delimiter).filter(Boolean).some((dir) => {
    try {
      accessSync(join(dir, name), constants.X_OK)
      return true
    } catch {
      return false
    }
  })
}

/** REDIS_URL as ioredis takes it: redis:// and rediss:// URLs as they are, unix:/path as a socket path. */
export function redisTarget (url: string): RedisTarget {
  const unix = /^unix:(?:\/\/)?(\/.*)$/.exec(url)
  return unix ? { path: unix[1]! } : { url }
}

/**
 * Which store the likes live in, decided once at boot:
 * - LIKES_STORE=sqlite: the embedded store (DATABASE_FILE);
 * - REDIS_URL set: that Redis;
 * - else the formation's Redis on its socket, when the machine has redis-server (the formation
 *   starts it) or LIKES_STORE=redis says so;
 * - else the embedded store, with the same contract.
 */
export function chooseStore (config: { LIKES_STORE: string, REDIS_URL?: string | undefined, DATABASE_FILE: string }, path: string): StoreChoice {
  if (config.LIKES_STORE === 'sqlite') return { kind: 'sqlite', file: config.DATABASE_FILE }
  if (config.REDIS_URL) return { kind: 'redis', target: redisTarget(config.REDIS_URL) }
  if (config.LIKES_STORE === 'redis' || onPath('redis-server', path)) {
    if (Buffer.byteLength(FORMATION_SOCKET) > MAX_SOCKET_PATH) {
      throw new Error(`likes: the formation's Redis socket ${FORMATION_SOCKET} is too long for a unix socket: set a shorter DATA_DIR, or REDIS_URL`)
    }
    return { kind: 'redis', target: { path: FORMATION_SOCKET } }
  }
  return { kind: 'sqlite', file: config.DATABASE_FILE }
}

export function loadLikesConfig (env: Record<string, string | undefined> = process.env) {
  const config = loadConfig({
    ...databaseFileConfig('likes'),
    LIKES_STORE: Type.Union([Type.Literal('auto'), Type.Literal('redis'), Type.Literal('sqlite')], { default: 'auto' }),
    REDIS_URL: Type.Optional(Type.String({ pattern: '^(rediss?://.+|unix:(//)?/.+)$' })),
    REDIS_KEY_PREFIX: Type.String({ pattern: '^[A-Za-z0-9:._-]{1,64}$', default: 'likes:' }),
    REDIS_COMMAND_TIMEOUT_MS: Type.Integer({ minimum: 50, default: 2000 })
  }, env)
  return { ...config, store: chooseStore(config, env.PATH ?? '') }
}

export type LikesConfig = ReturnType<typeof loadLikesConfig>
