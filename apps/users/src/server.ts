import { serve } from '@platform/kit'
import { buildApp } from './app.js'
import { loadUsersConfig } from './config.js'

await serve(loadUsersConfig, buildApp)
