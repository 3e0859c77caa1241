#!/usr/bin/env node
// The HTTP server of `npm start`, `npm run dev` and the browser tests: Next's own request
// handler behind a plain Node server that adds what Next does not hand to the app — the address
// of the socket's peer, in the x-client-address header (any copy the client sent is replaced).
// Sign-in throttling keys on it (server/auth/client-address.ts, which also reads
// X-Forwarded-For when that peer is a proxy named in TRUSTED_PROXIES).
// It also compresses what it sends (scripts/lib/compression.mjs): the build's brotli copies of
// static assets, and brotli or gzip per request for pages and API responses.
// Usage: node scripts/next-server.mjs [--dev] [--port N] [--hostname H]
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import next from 'next';
import { compressResponse, servePrecompressed } from './lib/compression.mjs';
import { ROOT } from './lib/process.mjs';

const CLIENT_ADDRESS_HEADER = 'x-client-address'; // also in server/auth/client-address.ts

const { values } = parseArgs({
  options: { dev: { type: 'boolean', default: false }, port: { type: 'string' }, hostname: { type: 'string' } },
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
const app = next({ dev: values.dev, dir: ROOT, port, hostname: values.hostname ?? 'localhost' });
const handle = app.getRequestHandler();
await app.prepare();
// Next's distDir (next.config.mjs reads the same variable), where the build left the .br copies.
const STATIC_DIR = path.join(ROOT, process.env.NEXT_DIST_DIR || '.next', 'static');

/**
 * Page renders admitted at once; the others wait in arrival order. Rendering is CPU work on this
 * one thread: fifty renders interleaved each take fifty times as long and hold fifty pages' memory,
 * so under a crowd the last of them ran past clients' timeouts. Admitted a few at a time, each
 * finishes quickly and the queue drains first come, first served. API calls, assets and health
 * checks are not queued (they are short, and a job's progress must never wait behind pages).
 */
const RENDER_SLOTS = Math.max(1, Number(process.env.RENDER_SLOTS ?? 2));
let rendering = 0;
const waiting = [];

function isPageRender(req) {
  if (req.method !== 'GET') return false;
  const url = req.url ?? '/';
  return !url.startsWith('/api/') && !url.startsWith('/_next/') && !/\.[a-z0-9]+(\?|$)/i.test(url);
}

async function serve(req, res) {
  try {
    if (!values.dev) {
      if (await servePrecompressed(req, res, STATIC_DIR)) return;
      compressResponse(req, res);
    }
    await handle(req, res);
  } catch (error) {
    console.error('Request failed:', error);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  }
}

function admit(req, res) {
  rendering++;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    rendering--;
    // A client that went away while waiting is skipped rather than rendered for nobody.
    while (waiting.length > 0 && rendering < RENDER_SLOTS) {
      const next = waiting.shift();
      if (!next.req.destroyed) admit(next.req, next.res);
    }
  };
  res.once('close', release);
  serve(req, res).finally(release);
}

const server = http.createServer((req, res) => {
  req.headers[CLIENT_ADDRESS_HEADER] = req.socket.remoteAddress ?? '';
  if (values.dev || !isPageRender(req)) return void serve(req, res);
  if (rendering < RENDER_SLOTS) admit(req, res);
  else waiting.push({ req, res });
});
// Hot reload in development talks over a websocket.
if (values.dev) server.on('upgrade', app.getUpgradeHandler());
server.listen(port, values.hostname, () => console.log(`Ready on http://${values.hostname ?? 'localhost'}:${port}`));
// Stopping ends the process through exit, so its exit handlers run (the app removes the marker
// that says it holds the database; see server/maintenance.ts).
for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => process.exit(0));
