import { actingUserGuard, errorResponses, type FastifyPluginAsyncTypebox } from '@platform/kit'
import { CreateUserBody, Karma, UpdateUserBody, User, UsernameParams } from '../schemas.js'
import { UsernameReserved, WeakPassword } from '../errors.js'
import type { passwordHasher } from '../passwords.js'
import { isCommonPassword } from '../common-passwords.js'

// Names a user could never be read back under: the service's own paths.
const RESERVED = new Set(['openapi.json', 'sessions'])

const tags = ['users']
const actingAs = actingUserGuard('users')

/** Why a password is refused, or undefined when it is good enough. */
function weakness (password: string, username: string, email: string): string | undefined {
  if (isCommonPassword(password)) return 'is a common password'
  const lower = password.toLowerCase()
  const name = username.toLowerCase()
  // A short name would rule out too much; from four characters on, a password must not contain it.
  if (lower === name || (name.length >= 4 && lower.includes(name)) || lower === email.toLowerCase()) {
    return 'must not contain the username or be the email'
  }
  return undefined
}

const usersRoutes: FastifyPluginAsyncTypebox<{ passwords: ReturnType<typeof passwordHasher> }> = async (app, opts) => {
  app.post('/users', {
    schema: {
      tags,
      summary: 'Create an account (sign up)',
      description: 'The name must be new, also in another letter case and also among deactivated accounts. ' +
        'Open through the gateway: no token needed.',
      body: CreateUserBody,
      response: { 201: User, ...errorResponses(400, 409, 413, 415, 503) }
    }
  }, async (req, reply) => {
    const { username, email, password } = req.body
    if (RESERVED.has(username.toLowerCase())) throw new UsernameReserved(username)
    const weak = weakness(password, username, email)
    if (weak) throw new WeakPassword(weak)
    // A taken name or email is answered before hashing (about 50 ms of a core); create checks again.
    app.users.assertFree(username, email)
    const user = app.users.create(username, email, await opts.passwords.hash(password))
    // Its users.created event waits in the outbox: publish it now rather than at the next tick.
    app.relay.wake()
    return reply.code(201).header('location', `/users/${encodeURIComponent(user.username)}`).send(user)
  })

  app.get('/users/:username', {
    schema: {
      tags,
      summary: 'Read an account (deactivated ones too, with active false)',
      params: UsernameParams,
      response: { 200: User, ...errorResponses(400, 404) }
    }
  }, async (req) => app.users.get(req.params.username))

  app.patch('/users/:username', {
    schema: {
      tags,
      summary: 'Change the email of an active account (the account itself only)',
      description: 'A deactivated account cannot be changed (409). Through the gateway only the token\'s own account (403).',
      params: UsernameParams,
      body: UpdateUserBody,
      response: { 200: User, ...errorResponses(400, 403, 404, 409, 413, 415) }
    }
  }, async (req) => {
    actingAs(req, req.params.username)
    return app.users.updateEmail(req.params.username, req.body.email)
  })

  app.delete('/users/:username', {
    schema: {
      tags,
      summary: 'Deactivate an account (the account itself only)',
      description: 'The account stays, with active false; its name is never given out again and it cannot sign in. Idempotent.',
      params: UsernameParams,
      response: { 200: User, ...errorResponses(400, 403, 404) }
    }
  }, async (req) => {
    actingAs(req, req.params.username)
    return app.users.deactivate(req.params.username)
  })

  for (const [action, delta] of [['increment', 1], ['decrement', -1]] as const) {
    app.post(`/users/:username/karma/${action}`, {
      schema: {
        tags,
        summary: `${action === 'increment' ? 'Add one to' : 'Take one from'} an active account's karma`,
        description: 'Atomic: concurrent calls are all counted. A deactivated account answers 409.',
        params: UsernameParams,
        response: { 200: Karma, ...errorResponses(400, 404, 409) }
      }
    }, async (req) => app.users.changeKarma(req.params.username, delta))
  }
}

export default usersRoutes
