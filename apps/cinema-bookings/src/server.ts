import { serve } from '@platform/kit'
import { buildApp } from './app.js'
import { loadCinemaBookingsConfig } from './config.js'

await serve(loadCinemaBookingsConfig, buildApp)
