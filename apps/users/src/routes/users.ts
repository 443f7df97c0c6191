import type { FastifyPluginAsyncTypebox } from '@platform/kit'
import { errorResponses } from '@platform/kit'
import { CreateUserBody, Karma, UpdateUserBody, User, UsernameParams } from '../schemas.js'
import { UsernameReserved } from '../errors.js'

// A user of this name could never be read back: GET /users/openapi.json is the service's spec.
const RESERVED = new Set(['openapi.json'])

const tags = ['users']

const users: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/users',
    {
      schema: {
        tags,
        summary: 'Create an account',
        description: 'The name must be new, also in another letter case and also among deactivated accounts.',
        body: CreateUserBody,
        response: { 201: User, ...errorResponses(400, 409, 413, 415) }
      }
    },
    async (req, reply) => {
      const { username, email } = req.body
      if (RESERVED.has(username.toLowerCase())) throw new UsernameReserved(username)
      const user = app.users.create(username, email)
      return reply.code(201).header('location', `/users/${encodeURIComponent(user.username)}`).send(user)
    }
  )

  app.get(
    '/users/:username',
    {
      schema: {
        tags,
        summary: 'Read an account (deactivated ones too, with active false)',
        params: UsernameParams,
        response: { 200: User, ...errorResponses(400, 404) }
      }
    },
    async (req) => app.users.get(req.params.username)
  )

  app.patch(
    '/users/:username',
    {
      schema: {
        tags,
        summary: 'Change the email of an active account',
        description: 'A deactivated account cannot be changed (409).',
        params: UsernameParams,
        body: UpdateUserBody,
        response: { 200: User, ...errorResponses(400, 404, 409, 413, 415) }
      }
    },
    async (req) => app.users.updateEmail(req.params.username, req.body.email)
  )

  app.delete(
    '/users/:username',
    {
      schema: {
        tags,
        summary: 'Deactivate an account',
        description: 'The account stays, with active false; its name is never given out again. Idempotent.',
        params: UsernameParams,
        response: { 200: User, ...errorResponses(400, 404) }
      }
    },
    async (req) => app.users.deactivate(req.params.username)
  )

  for (const [action, delta] of [['increment', 1], ['decrement', -1]] as const) {
    app.post(
      `/users/:username/karma/${action}`,
      {
        schema: {
          tags,
          summary: `${action === 'increment' ? 'Add one to' : 'Take one from'} an active account's karma`,
          description: 'Atomic: concurrent calls are all counted. A deactivated account answers 409.',
          params: UsernameParams,
          response: { 200: Karma, ...errorResponses(400, 404, 409) }
        }
      },
      async (req) => app.users.changeKarma(req.params.username, delta)
    )
  }
}

export default users
