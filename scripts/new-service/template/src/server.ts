import { serve } from '@platform/kit'
import { buildApp } from './app.js'
import { load__Pascal__Config } from './config.js'

await serve(load__Pascal__Config, buildApp)
