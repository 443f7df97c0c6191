import { createService, type BuildOptions, type ServiceMeta } from '@platform/kit'
import { amqpPlugin, assertEventsExchange, mailNames, relayPlugin } from '@platform/queue'
import type { UsersConfig } from './config.js'
import { usersStore } from './users-store.js'
import tokens, { signingKey } from './tokens.js'
import usersRoutes from './routes/users.js'
import emailsRoutes from './routes/emails.js'
import sessionsRoutes from './routes/sessions.js'
import { passwordHasher } from './passwords.js'
import { HashingBusy } from './errors.js'

export const meta: ServiceMeta = {
  name: 'users',
  prefix: '/users',
  title: 'User accounts',
  description: 'Accounts of the platform: sign-up with a password, sign-in tokens, emails, karma, deactivation.',
  version: '1.0.0',
  tags: [
    { name: 'users', description: 'Accounts and their karma' },
    { name: 'emails', description: 'Secondary emails' },
    { name: 'sessions', description: 'Signing in, and the gateway\'s token check' }
  ],
  // Signing up and signing in need no token, of course.
  openWrites: ['POST /users', 'POST /users/sessions']
}

/** The users service, ready to inject into or listen with; it never listens itself. */
export async function buildApp (config: UsersConfig, options: BuildOptions = {}) {
  const app = await createService(meta, config, options)
  await app.register(usersStore(mailNames(config.AMQP_NAMESPACE).events), { file: config.DATABASE_FILE })
  await app.register(tokens, { secret: signingKey(config.JWT_SECRET, config.JWT_KEY_FILE), ttlSeconds: config.TOKEN_TTL_S })
  // users.created events leave through the outbox (the mailer's welcome mail): a broker that is
  // away delays them, never loses them, and never fails a request.
  await app.register(amqpPlugin, { url: config.AMQP_URL, namespace: config.AMQP_NAMESPACE })
  app.amqp.use((ch) => assertEventsExchange(ch, config.AMQP_NAMESPACE))
  await app.register(relayPlugin, { outbox: app.users.outbox })
  const passwords = passwordHasher(config.PASSWORD_HASHES_IN_FLIGHT, () => Object.assign(new HashingBusy(), { headers: { 'retry-after': '1' } }))
  await app.register(usersRoutes, { passwords })
  await app.register(emailsRoutes)
  await app.register(sessionsRoutes, { passwords, maxFailures: config.SIGNIN_MAX_FAILURES, windowMs: config.SIGNIN_WINDOW_S * 1000 })
  return app
}
