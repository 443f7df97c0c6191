import { serve } from '@platform/kit'
import { buildApp } from './app.js'
import { loadMailerConfig } from './config.js'

await serve(loadMailerConfig, buildApp)
