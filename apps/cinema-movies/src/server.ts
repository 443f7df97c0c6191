import { serve } from '@platform/kit'
import { buildApp } from './app.js'
import { loadCinemaMoviesConfig } from './config.js'

await serve(loadCinemaMoviesConfig, buildApp)
