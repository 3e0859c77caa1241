#!/usr/bin/env node
// The HTTP server of `npm start`, `npm run dev` and the browser tests: Next's own request
// handler behind a plain Node server that adds what Next does not hand to the app — the address
// of the socket's peer, in the x-client-address header (any copy the client sent is replaced).
// Sign-in throttling keys on it (server/auth/client-address.ts, which also reads
// X-Forwarded-For when that peer is a proxy named in TRUSTED_PROXIES).
// Usage: node scripts/next-server.mjs [--dev] [--port N] [--hostname H]
import http from 'node:http';
import { parseArgs } from 'node:util';
import next from 'next';
import { ROOT } from './lib/process.mjs';

const CLIENT_ADDRESS_HEADER = 'x-client-address'; // also in server/auth/client-address.ts

const { values } = parseArgs({
  options: { dev: { type: 'boolean', default: false }, port: { type: 'string' }, hostname: { type: 'string' } },
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
const app = next({ dev: values.dev, dir: ROOT, port, hostname: values.hostname ?? 'localhost' });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  req.headers[CLIENT_ADDRESS_HEADER] = req.socket.remoteAddress ?? '';
  handle(req, res).catch((error) => {
    console.error('Request failed:', error);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});
// Hot reload in development talks over a websocket.
if (values.dev) server.on('upgrade', app.getUpgradeHandler());
server.listen(port, values.hostname, () => console.log(`Ready on http://${values.hostname ?? 'localhost'}:${port}`));
// Stopping ends the process through exit, so its exit handlers run (the app removes the marker
// that says it holds the database; see server/maintenance.ts).
for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => process.exit(0));
