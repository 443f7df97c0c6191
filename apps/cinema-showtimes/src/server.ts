import { serve } from '@platform/kit'
import { buildApp } from './app.js'
import { loadCinemaShowtimesConfig } from './config.js'

await serve(loadCinemaShowtimesConfig, buildApp)
