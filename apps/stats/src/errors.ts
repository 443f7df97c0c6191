import { createError } from '@platform/kit'

export const UserNotFound = createError('STATS_USER_NOT_FOUND', 'No user %s', 404)
export const UsernameNotFound = createError('STATS_USERNAME_NOT_FOUND', 'No user named %s', 404)
export const UsernameTaken = createError('STATS_USERNAME_TAKEN', 'The username %s is taken', 409)
export const GameNotFound = createError('STATS_GAME_NOT_FOUND', 'No game %d for user %s', 404)
export const GameExists = createError('STATS_GAME_EXISTS', 'Game %d of user %s is already recorded', 409)
