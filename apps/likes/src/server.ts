import { serve } from '@platform/kit'
import { buildApp } from './app.js'
import { loadLikesConfig } from './config.js'

await serve(loadLikesConfig, buildApp)
