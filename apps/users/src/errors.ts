import { createError } from '@platform/kit'

// Every error this service answers with on purpose, by code; the kit turns them into JSON.
export const UserNotFound = createError<[string]>('USERS_NOT_FOUND', "user '%s' does not exist", 404)
export const UsernameTaken = createError<[string]>('USERS_USERNAME_TAKEN', "username '%s' is taken", 409)
export const UsernameReserved = createError<[string]>('USERS_USERNAME_RESERVED', "username '%s' is reserved", 400)
export const EmailTaken = createError<[string]>('USERS_EMAIL_TAKEN', "email '%s' belongs to another account", 409)
export const UserInactive = createError<[string]>('USERS_INACTIVE', "user '%s' is deactivated and cannot be changed", 409)
