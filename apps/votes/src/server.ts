import { serve } from '@platform/kit'
import { buildApp } from './app.js'
import { loadVotesConfig } from './config.js'

await serve(loadVotesConfig, buildApp)
