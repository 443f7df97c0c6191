import { serviceErrors } from '@platform/kit'

// Every error this service answers with on purpose; codes come out as CINEMA_USERS_<CODE>.
const error = serviceErrors('cinema-users')

export const UserNotFound = error<[string]>('USER_NOT_FOUND', 'no user %s', 404)
export const UserExists = error<[string]>('USER_EXISTS', 'the username %s is taken', 409)
export const UpstreamRefused = error<[string, number]>('UPSTREAM_REFUSED', '%s answered %s', 502)
