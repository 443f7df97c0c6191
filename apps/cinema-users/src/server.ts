import { serve } from '@platform/kit'
import { buildApp } from './app.js'
import { loadCinemaUsersConfig } from './config.js'

await serve(loadCinemaUsersConfig, buildApp)
