import { actingUserGuard, errorResponses, type FastifyPluginAsyncTypebox } from '@platform/kit'
import { EmailBody, EmailParams, User, UsernameParams } from '../schemas.js'

const tags = ['emails']
const actingAs = actingUserGuard('users')

const emailsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/users/:username/emails', {
    schema: {
      tags,
      summary: 'Add a secondary email (the account itself only)',
      description: 'Answers 201 with the account. An address belongs to one account, primary or secondary (409).',
      params: UsernameParams,
      body: EmailBody,
      response: { 201: User, ...errorResponses(400, 403, 404, 409, 413, 415) }
    }
  }, async (req, reply) => {
    actingAs(req, req.params.username)
    const user = app.users.addEmail(req.params.username, req.body.email)
    return reply.code(201)
      .header('location', `/users/${encodeURIComponent(user.username)}/emails/${encodeURIComponent(req.body.email)}`)
      .send(user)
  })

  app.delete('/users/:username/emails/:email', {
    schema: {
      tags,
      summary: 'Remove a secondary email (the account itself only)',
      description: 'Answers 200 with the account as it is now; 404 when the address is not one of its secondary emails.',
      params: EmailParams,
      response: { 200: User, ...errorResponses(400, 403, 404) }
    }
  }, async (req) => {
    actingAs(req, req.params.username)
    return app.users.removeEmail(req.params.username, req.params.email)
  })
}

export default emailsRoutes
