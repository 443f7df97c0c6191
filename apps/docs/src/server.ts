import { runService } from '@platform/kit'
import { buildApp } from './app.js'
import { loadDocsConfig } from './config.js'
import { docsServices } from './services.js'

const config = loadDocsConfig()
const app = await buildApp(config, docsServices(config.DOCS_SERVICES, config.PROCFILE))
await runService(app, config)
