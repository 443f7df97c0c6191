export { openDatabase, isUniqueViolation, retryWhileBusy, type Db, type OpenOptions } from './open.js'
export { migrate, listMigrations, type Migration } from './migrate.js'
export { sqliteStore, type StorePluginOptions } from './plugin.js'
export { databaseFileConfig } from './config.js'
