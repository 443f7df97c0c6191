import { serviceErrors } from '@platform/kit'

const error = serviceErrors('users')

// Every error this service answers with on purpose, by code; the kit turns them into JSON.
export const UserNotFound = error<[string]>('NOT_FOUND', "user '%s' does not exist", 404)
export const UsernameTaken = error<[string]>('USERNAME_TAKEN', "username '%s' is taken", 409)
export const UsernameReserved = error<[string]>('USERNAME_RESERVED', "username '%s' is reserved", 400)
export const EmailTaken = error<[string]>('EMAIL_TAKEN', "email '%s' belongs to another account", 409)
export const EmailNotFound = error<[string, string]>('EMAIL_NOT_FOUND', "'%s' is not a secondary email of %s", 404)
export const UserInactive = error<[string]>('INACTIVE', "user '%s' is deactivated and cannot be changed", 409)
export const WeakPassword = error<[string]>('WEAK_PASSWORD', 'body/password %s', 400)
// One message for "no such user" and "wrong password": a client cannot tell which names exist.
export const BadCredentials = error<[]>('BAD_CREDENTIALS', 'unknown username or wrong password', 401)
export const TooManySignins = error<[string]>('TOO_MANY_SIGNINS', 'too many failed sign-ins for %s; try again in a minute', 429)
export const TokenMissing = error<[]>('TOKEN_MISSING', 'an Authorization: Bearer <token> header is required (POST /users/sessions gives one)', 401)
export const TokenExpired = error<[]>('TOKEN_EXPIRED', 'the token has expired: sign in again', 401)
export const TokenInvalid = error<[]>('TOKEN_INVALID', 'the token is not one this platform signed', 401)
// Too many passwords being hashed at once (sign-ups and sign-ins): retry in a moment.
export const HashingBusy = error<[]>('BUSY', 'too many sign-ups and sign-ins at once; retry in a moment', 503)
