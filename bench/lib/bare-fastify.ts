import Fastify from 'fastify';

/**
 * The reference for the cheap endpoints: bare Fastify answering a JSON "hello", no plugins, no
 * logger, in its own process like the service. Prints its URL the way `mypage serve` does.
 */
const app = Fastify({ logger: false });
app.get('/hello', async () => ({ hello: 'world' }));
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
console.log(`bare fastify: serving http://127.0.0.1:${port}/`);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
