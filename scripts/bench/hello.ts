// The ceiling: a bare Fastify hello-world, one process, same Fastify as the services, no kit.
// Listens on 127.0.0.1:$PORT.
import Fastify from 'fastify'

const app = Fastify({ logger: false })
app.get('/', async () => ({ hello: 'world' }))
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) })
process.on('SIGTERM', () => {
  app.close().finally(() => process.exit(0))
})
