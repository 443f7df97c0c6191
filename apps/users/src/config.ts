import { join } from 'node:path'
import { Type } from 'typebox'
import { DATA_DIR, loadConfig } from '@platform/kit'
import { databaseFileConfig } from '@platform/sqlite'
import { amqpConfig } from '@platform/queue'

export const usersConfigProperties = {
  ...databaseFileConfig('users'),
  // How long a sign-in token is good for.
  TOKEN_TTL_S: Type.Integer({ minimum: 60, maximum: 86_400, default: 900 }),
  // The token signing key: JWT_SECRET when given, else a random key made once into JWT_KEY_FILE
  // (git-ignored data folder) and shared by every instance of the formation. Never committed.
  JWT_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  JWT_KEY_FILE: Type.String({ minLength: 1, default: join(DATA_DIR, 'users-jwt.key') }),
  // More failed sign-ins than this for one name within the window are a 429 until the oldest ages out.
  SIGNIN_MAX_FAILURES: Type.Integer({ minimum: 1, default: 5 }),
  SIGNIN_WINDOW_S: Type.Integer({ minimum: 1, default: 60 }),
  // Passwords being hashed or waiting for libuv's pool (about 50 ms of a core each, so 256 is
  // some 6 s of work on two cores); past it, sign-ups and sign-ins are fast 503s.
  PASSWORD_HASHES_IN_FLIGHT: Type.Integer({ minimum: 1, default: 256 })
}

export function loadUsersConfig (env: Record<string, string | undefined> = process.env) {
  return loadConfig({ ...usersConfigProperties, ...amqpConfig(env) }, env)
}

export type UsersConfig = ReturnType<typeof loadUsersConfig>
