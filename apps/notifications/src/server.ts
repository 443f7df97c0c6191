import { serve } from '@platform/kit'
import { buildApp } from './app.js'
import { loadNotificationsConfig } from './config.js'

await serve(loadNotificationsConfig, buildApp)
