// The server's compression (scripts/lib/compression.mjs) on a plain node:http server: which
// responses are encoded, that streamed chunks reach the client before the response ends, and
// that /_next/static never serves a file from outside the static folder.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressResponse, negotiateEncoding, precompressStatic, servePrecompressed } from '../../../scripts/lib/compression.mjs';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;

async function listen(handler: Handler): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function get(base: string, target: string, headers: Record<string, string>, method = 'GET'): Promise<Raw> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: target, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const html = '<!doctype html><html><body>' + '<p>County scorecard row</p>'.repeat(200) + '</body></html>';

describe('negotiateEncoding', () => {
  it('prefers brotli, falls back to gzip, and honours q=0', () => {
    expect(negotiateEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(negotiateEncoding('gzip, deflate')).toBe('gzip');
    expect(negotiateEncoding('br;q=0, gzip')).toBe('gzip');
    expect(negotiateEncoding('identity')).toBeNull();
    expect(negotiateEncoding(undefined)).toBeNull();
    expect(negotiateEncoding('*')).toBe('br');
  });
});

describe('compressResponse', () => {
  let server: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    server = await listen((req, res) => {
      compressResponse(req, res);
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/page') {
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.end(html);
      } else if (url.pathname === '/page-head') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(Buffer.byteLength(html)) });
        res.end(html);
      } else if (url.pathname === '/small') {
        res.setHeader('Content-Type', 'application/json');
        res.end('{"ok":true}');
      } else if (url.pathname === '/png') {
        res.setHeader('Content-Type', 'image/png');
        res.end(Buffer.alloc(4096, 1));
      } else if (url.pathname === '/encoded') {
        res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Encoding': 'gzip' });
        res.end(zlib.gzipSync('x'.repeat(4096)));
      } else if (url.pathname === '/partial') {
        res.writeHead(206, { 'Content-Type': 'text/plain', 'Content-Range': 'bytes 0-2047/4096' });
        res.end('y'.repeat(2048));
      } else if (url.pathname === '/not-modified') {
        res.writeHead(304, { 'Content-Type': 'text/html' });
        res.end();
      } else if (url.pathname === '/stream') {
        // As Next streams a page: headers, a first chunk, flush, then the rest when "resolved".
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.flushHeaders();
        res.write('<html><body><div id="shell">' + 'shell '.repeat(300) + '</div>');
        (res as unknown as { flush: () => void }).flush();
        releaseStream = () => {
          res.write('<div id="late">' + 'late '.repeat(300) + '</div></body></html>');
          (res as unknown as { flush: () => void }).flush();
          res.end();
        };
      }
    });
  });
  afterAll(() => server.close());
  let releaseStream: () => void = () => {};

  it('sends brotli, gzip or identity as accepted, all decoding to the same body', async () => {
    for (const target of ['/page', '/page-head']) {
      const plain = await get(server.url, target, { 'accept-encoding': 'identity' });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.toString()).toBe(html);
      const br = await get(server.url, target, { 'accept-encoding': 'gzip, deflate, br' });
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers['content-length']).toBeUndefined();
      expect(br.headers['vary']).toMatch(/Accept-Encoding/);
      expect(br.body.length).toBeLessThan(html.length / 10);
      expect(zlib.brotliDecompressSync(br.body).toString()).toBe(html);
      const gzip = await get(server.url, target, { 'accept-encoding': 'gzip' });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(zlib.gunzipSync(gzip.body).toString()).toBe(html);
    }
  });

  it('leaves small, binary, already-encoded, partial, 304 and HEAD responses alone', async () => {
    const accept = { 'accept-encoding': 'br, gzip' };
    const small = await get(server.url, '/small', accept);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body.toString()).toBe('{"ok":true}');
    const png = await get(server.url, '/png', accept);
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.body.length).toBe(4096);
    const encoded = await get(server.url, '/encoded', accept);
    expect(encoded.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(encoded.body).toString()).toBe('x'.repeat(4096));
    const partial = await get(server.url, '/partial', accept);
    expect(partial.headers['content-encoding']).toBeUndefined();
    expect(partial.body.toString()).toBe('y'.repeat(2048));
    const notModified = await get(server.url, '/not-modified', accept);
    expect(notModified.status).toBe(304);
    expect(notModified.headers['content-encoding']).toBeUndefined();
    const head = await get(server.url, '/page-head', accept, 'HEAD');
    expect(head.headers['content-encoding']).toBeUndefined();
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(html)));
  });

  for (const encoding of ['br', 'gzip'] as const) {
    it(`delivers each flushed chunk before the response ends (${encoding})`, async () => {
      const { hostname, port } = new URL(server.url);
      const decoder = encoding === 'br' ? zlib.createBrotliDecompress() : zlib.createGunzip();
      let text = '';
      decoder.on('data', (c: Buffer) => (text += c.toString()));
      const ended = new Promise<void>((resolve) => decoder.on('end', resolve));
      const req = http.request({ hostname, port, path: '/stream', headers: { 'accept-encoding': encoding } }, (res) => {
        expect(res.headers['content-encoding']).toBe(encoding);
        res.pipe(decoder);
      });
      req.end();
      // The shell arrives, decoded, while the server still holds the rest back.
      await expect.poll(() => text.includes('</div>'), { timeout: 5000 }).toBe(true);
      expect(text).not.toContain('late');
      releaseStream();
      await ended;
      expect(text).toContain('<div id="late">');
      expect(text.endsWith('</html>')).toBe(true);
    });
  }
});

describe('servePrecompressed', () => {
  let dir: string;
  let server: Awaited<ReturnType<typeof listen>>;
  const script = 'console.log("chunk");'.repeat(100);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'precompressed-'));
    const distDir = path.join(dir, 'dist');
    fs.mkdirSync(path.join(distDir, 'static', 'chunks'), { recursive: true });
    fs.writeFileSync(path.join(distDir, 'static', 'chunks', 'app.js'), script);
    fs.writeFileSync(path.join(distDir, 'static', 'chunks', 'old.js'), script); // removed .br below
    fs.writeFileSync(path.join(distDir, 'static', 'font.woff2'), Buffer.alloc(2000, 7));
    const result = await precompressStatic(distDir);
    expect(result).toMatchObject({ files: 2, written: 2 });
    fs.rmSync(path.join(distDir, 'static', 'chunks', 'old.js.br'));
    // Brotli "assets" outside static/ that a traversal would reach.
    fs.writeFileSync(path.join(distDir, 'secret.js.br'), zlib.brotliCompressSync('secret in dist'));
    fs.writeFileSync(path.join(dir, 'secret.js.br'), zlib.brotliCompressSync('secret beside dist'));
    fs.mkdirSync(path.join(distDir, 'static-other'));
    fs.writeFileSync(path.join(distDir, 'static-other', 'x.js.br'), zlib.brotliCompressSync('secret sibling'));
    server = await listen(async (req, res) => {
      if (await servePrecompressed(req, res, path.join(distDir, 'static'))) return;
      res.writeHead(404, { 'x-fell-through': '1' });
      res.end();
    });
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves the brotli copy with the headers of an immutable asset', async () => {
    const res = await get(server.url, '/_next/static/chunks/app.js?v=1', { 'accept-encoding': 'gzip, br' });
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({
      'content-encoding': 'br',
      vary: 'Accept-Encoding',
      'content-type': 'application/javascript; charset=UTF-8',
      'cache-control': 'public, max-age=31536000, immutable',
      'content-length': String(res.body.length),
    });
    expect(zlib.brotliDecompressSync(res.body).toString()).toBe(script);
    const head = await get(server.url, '/_next/static/chunks/app.js', { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(res.headers['content-length']);
  });

  it('falls through without br, without a copy, for Range and for other methods', async () => {
    const cases: [string, Record<string, string>, string?][] = [
      ['/_next/static/chunks/app.js', { 'accept-encoding': 'gzip' }],
      ['/_next/static/chunks/app.js', { 'accept-encoding': 'br;q=0, gzip' }],
      ['/_next/static/chunks/old.js', { 'accept-encoding': 'br' }],
      ['/_next/static/font.woff2', { 'accept-encoding': 'br' }],
      ['/_next/static/chunks/app.js', { 'accept-encoding': 'br', range: 'bytes=0-10' }],
      ['/_next/static/chunks/app.js', { 'accept-encoding': 'br' }, 'POST'],
      ['/other/chunks/app.js', { 'accept-encoding': 'br' }],
    ];
    for (const [target, headers, method] of cases) {
      const res = await get(server.url, target, headers, method);
      expect(res.headers['x-fell-through'], `${method ?? 'GET'} ${target} ${JSON.stringify(headers)}`).toBe('1');
    }
  });

  it('never serves a file outside the static folder', async () => {
    const targets = [
      '/_next/static/../secret.js',
      '/_next/static/../../secret.js',
      '/_next/static/%2e%2e/secret.js',
      '/_next/static/..%2fsecret.js',
      '/_next/static/..%2F..%2Fsecret.js',
      '/_next/static/chunks/..%2f..%2fsecret.js',
      '/_next/static/..%2fstatic-other%2fx.js',
      '/_next/static/%2fetc%2fpasswd.js',
      '/_next/static/%00.js',
      '/_next/static/%E0%A4%A.js',
    ];
    for (const target of targets) {
      const res = await get(server.url, target, { 'accept-encoding': 'br' });
      expect(res.headers['x-fell-through'], target).toBe('1');
    }
  });
});
