import { Type } from 'typebox'
import { Username } from '@platform/kit'

export { Username }

export const Email = Type.String({
  format: 'email',
  maxLength: 254,
  description: 'An email address; unique across accounts (primary or secondary), compared case-insensitively',
  examples: ['ada@example.com']
})

// Bounded above so hashing stays cheap; the rules a schema cannot say (not a common password,
// not the name or the email) are checked by the route.
const Password = Type.String({
  minLength: 10,
  maxLength: 256,
  description: 'At least 10 characters, not a common password, not the username or the email; stored only as a salted scrypt hash',
  examples: ['correct horse battery staple']
})

export const User = Type.Object(
  {
    username: Username,
    email: Email,
    secondary_emails: Type.Array(Email),
    karma: Type.Integer({ description: 'May go below zero' }),
    active: Type.Boolean({ description: 'False once deactivated; deactivated accounts keep their name' }),
    created_at: Type.String({ format: 'date-time' })
  },
  { title: 'User' }
)

export const Karma = Type.Object({ username: Username, karma: Type.Integer() }, { title: 'Karma' })

export const CreateUserBody = Type.Object({ username: Username, email: Email, password: Password }, { additionalProperties: false })

// Only the email can change: the name is the identity, karma and active have their own routes.
export const UpdateUserBody = Type.Object({ email: Email }, { additionalProperties: false })

export const UsernameParams = Type.Object({ username: Username })

export const EmailBody = Type.Object({ email: Email }, { additionalProperties: false })
export const EmailParams = Type.Object({ username: Username, email: Email })

export const SignInBody = Type.Object(
  { username: Username, password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false }
)

export const Session = Type.Object(
  {
    token: Type.String({ description: 'Send it as `Authorization: Bearer <token>` with every write through the gateway' }),
    expires_at: Type.String({ format: 'date-time' })
  },
  { title: 'Session' }
)

export const CurrentSession = Type.Object(
  { username: Username, expires_at: Type.String({ format: 'date-time' }) },
  { title: 'CurrentSession' }
)
