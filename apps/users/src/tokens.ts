import { randomBytes } from 'node:crypto'
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import fp from 'fastify-plugin'
import fastifyJwt from '@fastify/jwt'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { TokenExpired, TokenInvalid, TokenMissing } from './errors.js'

/**
 * The formation's signing key, made once: written under a temporary name and linked into place,
 * so of several instances starting together one makes it and the others read that one.
 */
export function signingKey (secret: string | undefined, keyFile: string): string {
  if (secret) return secret
  try {
    return readFileSync(keyFile, 'utf8').trim()
  } catch {
    mkdirSync(dirname(keyFile), { recursive: true })
    const tmp = `${keyFile}.${process.pid}.tmp`
    writeFileSync(tmp, randomBytes(48).toString('base64url'), { mode: 0o600 })
    try {
      linkSync(tmp, keyFile)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    } finally {
      rmSync(tmp, { force: true })
    }
    return readFileSync(keyFile, 'utf8').trim()
  }
}

export interface Session {
  token: string
  expires_at: string
}

declare module 'fastify' {
  interface FastifyInstance {
    /** A signed token (HS256 JWT) for `username`, good for TOKEN_TTL_S. */
    issueToken(username: string): Session
    /** The username of the request's bearer token; 401 errors (missing, expired, invalid) otherwise. */
    tokenUser(request: FastifyRequest): Promise<{ username: string, expiresAt: string }>
  }
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: Record<string, never>
    user: { sub: string, exp: number }
  }
}

/** Sign-in tokens: @fastify/jwt with the formation's key, short-lived, the username as subject. */
async function tokens (app: FastifyInstance, opts: { secret: string, ttlSeconds: number }) {
  await app.register(fastifyJwt, {
    secret: opts.secret,
    sign: { algorithm: 'HS256', expiresIn: opts.ttlSeconds },
    verify: { algorithms: ['HS256'] }
  })
  app.decorate('issueToken', (username: string) => {
    const token = app.jwt.sign({}, { sub: username })
    const { exp } = app.jwt.decode<{ exp: number }>(token)!
    return { token, expires_at: new Date(exp * 1000).toISOString() }
  })
  app.decorate('tokenUser', async (request: FastifyRequest) => {
    if (!/^Bearer\s+\S/i.test(request.headers.authorization ?? '')) throw new TokenMissing()
    try {
      const { sub, exp } = await request.jwtVerify<{ sub: string, exp: number }>()
      if (typeof sub !== 'string') throw new TokenInvalid()
      return { username: sub, expiresAt: new Date(exp * 1000).toISOString() }
    } catch (err) {
      if ((err as { code?: string }).code === 'FST_JWT_AUTHORIZATION_TOKEN_EXPIRED') throw new TokenExpired()
      throw new TokenInvalid()
    }
  })
}

export default fp(tokens, { name: 'users-tokens', fastify: '5.x' })
