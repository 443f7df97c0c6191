import { NEVER_SHED, errorResponses, type FastifyPluginAsyncTypebox } from '@platform/kit'
import { BadCredentials, TooManySignins, TokenInvalid } from '../errors.js'
import type { passwordHasher } from '../passwords.js'
import { CurrentSession, Session, SignInBody } from '../schemas.js'

const tags = ['sessions']

/** Sign-in, and the check the gateway makes of every write's token. */
const sessionsRoutes: FastifyPluginAsyncTypebox<{ passwords: ReturnType<typeof passwordHasher>, maxFailures: number, windowMs: number }> = async (app, opts) => {
  app.post('/users/sessions', {
    schema: {
      tags,
      summary: 'Sign in: a token for the account',
      description: 'Answers 201 with a signed token (a JWT, the username as subject) and when it expires. ' +
        'One 401 for "no such user", "wrong password" and "deactivated" alike. More than a few failures for one ' +
        'name within a minute are 429s until the oldest is a minute old. Open through the gateway.',
      body: SignInBody,
      response: { 201: Session, ...errorResponses(400, 401, 413, 415, 429, 503) }
    }
  }, async (req, reply) => {
    const { username, password } = req.body
    const now = Date.now()
    const recent = app.users.failures(username, now - opts.windowMs)
    if (recent.count >= opts.maxFailures) {
      const wait = Math.max(1, Math.ceil(((recent.oldest ?? now) + opts.windowMs - now) / 1000))
      throw Object.assign(new TooManySignins(username), { headers: { 'retry-after': String(wait) } })
    }
    const account = app.users.credentials(username)
    // The hash is checked even for a missing account, so both cost the same time.
    const good = await opts.passwords.verify(password, account?.passwordHash)
    if (!account || !good || !account.active) {
      app.users.recordFailure(username, now, now - opts.windowMs)
      throw new BadCredentials()
    }
    app.users.clearFailures(username)
    return reply.code(201).header('location', '/users/sessions/current').send(app.issueToken(account.username))
  })

  app.get('/users/sessions/current', {
    schema: {
      tags,
      summary: "The bearer token's account: the gateway's check of every write",
      description: 'Answers 200 with the username (also in the X-Auth-User header, which the gateway passes on to ' +
        'the service) when the Authorization header carries a valid token of an active account; 401 otherwise.',
      response: { 200: CurrentSession, ...errorResponses(401) }
    },
    logLevel: 'warn',
    // The gateway asks this before every write: shed, every write of every service would fail.
    // Verifying a token is cheap; the service sheds the sign-ins (scrypt), not this.
    config: NEVER_SHED
  }, async (req, reply) => {
    const { username, expiresAt } = await app.tokenUser(req)
    // A token outlives nothing: a deactivated account's tokens stop working at once.
    if (!app.users.credentials(username)?.active) throw new TokenInvalid()
    return reply.header('x-auth-user', username).send({ username, expires_at: expiresAt })
  })
}

export default sessionsRoutes
