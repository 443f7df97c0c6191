import { serviceErrors } from '@platform/kit'

const error = serviceErrors('stats')

export const UserNotFound = error('USER_NOT_FOUND', 'No user %s', 404)
export const UsernameNotFound = error('USERNAME_NOT_FOUND', 'No user named %s', 404)
export const UsernameTaken = error('USERNAME_TAKEN', 'The username %s is taken (as %s): names differ in more than letter case', 409)
export const GameNotFound = error('GAME_NOT_FOUND', 'No game %d for user %s', 404)
export const GameExists = error('GAME_EXISTS', 'Game %d of user %s is already recorded with other values', 409)
export const BadFinished = error('BAD_FINISHED', 'body/finished %s is not a date or timestamp from 2000-01-01 to 2099-12-31', 400)
export const StoreBusy = error<[]>('STORE_BUSY', 'Another instance holds the write lock of this data; retry in a moment', 503)
