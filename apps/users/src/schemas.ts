import { Type } from 'typebox'
import { Username } from '@platform/kit'

export { Username }

export const Email = Type.String({
  format: 'email',
  maxLength: 254,
  description: 'An email address; unique across accounts, compared case-insensitively',
  examples: ['ada@example.com']
})

export const User = Type.Object(
  {
    username: Username,
    email: Email,
    karma: Type.Integer({ description: 'May go below zero' }),
    active: Type.Boolean({ description: 'False once deactivated; deactivated accounts keep their name' }),
    created_at: Type.String({ format: 'date-time' })
  },
  { title: 'User' }
)

export const Karma = Type.Object({ username: Username, karma: Type.Integer() }, { title: 'Karma' })

export const CreateUserBody = Type.Object({ username: Username, email: Email }, { additionalProperties: false })

// Only the email can change: the name is the identity, karma and active have their own routes.
export const UpdateUserBody = Type.Object({ email: Email }, { additionalProperties: false })

export const UsernameParams = Type.Object({ username: Username })
