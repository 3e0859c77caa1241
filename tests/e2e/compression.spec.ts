// What the server sends is compressed (scripts/lib/compression.mjs): brotli to clients that accept
// it, gzip to those that only accept gzip, nothing to those that accept neither — and the decoded
// body is the same as the plain one. Raw node:http requests, so nothing decodes behind our back.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { expect, signedInPage, test } from './fixtures';

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** GET (or HEAD) `target` exactly as written: no dot-segment clean-up, no decoding. */
function raw(baseURL: string, target: string, headers: Record<string, string>, method = 'GET'): Promise<Raw> {
  const { hostname, port } = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: target, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function decode(res: Raw): Buffer {
  const encoding = res.headers['content-encoding'];
  if (encoding === 'br') return zlib.brotliDecompressSync(res.body);
  if (encoding === 'gzip') return zlib.gunzipSync(res.body);
  expect(encoding, 'an encoding this test knows').toBeUndefined();
  return res.body;
}

/** Per-request values (the CSP nonce, React's random keys of metadata boundaries) differ between two renders of the same page. */
const normalize = (text: string) =>
  text.replace(/(nonce[^A-Za-z0-9]{1,6})[A-Za-z0-9+/=_-]{8,}/g, '$1N').replace(/"[A-Za-z0-9_-]{21,23}"/g, '"ID"');

/** Fetches `target` plain, with br and with gzip only; checks encodings and that the bodies agree. */
async function expectCompressed(baseURL: string, target: string, headers: Record<string, string>, { sameBytes = true } = {}) {
  const plain = await raw(baseURL, target, { ...headers, 'accept-encoding': 'identity' });
  expect(plain.status, `${target} → ${plain.headers.location ?? ''}`).toBe(200);
  expect(plain.headers['content-encoding'], `${target} plain`).toBeUndefined();
  expect(plain.body.length, `${target} is big enough to compress`).toBeGreaterThan(1024);
  const sizes: Record<string, number> = { identity: plain.body.length };
  for (const [accept, expected] of [
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
  ] as const) {
    const res = await raw(baseURL, target, { ...headers, 'accept-encoding': accept });
    expect(res.status, target).toBe(200);
    expect(res.headers['content-encoding'], `${target} for "${accept}"`).toBe(expected);
    expect(String(res.headers['vary']), target).toMatch(/accept-encoding/i);
    expect(res.body.length, `${target} ${expected} is smaller`).toBeLessThan(plain.body.length);
    const body = decode(res);
    if (sameBytes) expect(body.equals(plain.body), `${target} ${expected} decodes to the plain body`).toBe(true);
    else expect(normalize(body.toString('utf8'))).toBe(normalize(plain.body.toString('utf8')));
    sizes[expected] = res.body.length;
  }
  console.log(`${target.slice(0, 70)}: ${JSON.stringify(sizes)}`);
}

test.describe('compression', () => {
  test('pages, their scripts, RSC payloads and API answers come in brotli or gzip, decoding to the same bytes', async ({ browser, baseURL }) => {
    const page = await signedInPage(browser, baseURL, 'assessor1');
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const headers = { cookie };

    await expectCompressed(baseURL!, '/me', headers, { sameBytes: false });
    // An RSC payload (client-side navigation); Next redirects a request without `_rsc` to one with it.
    await expectCompressed(baseURL!, '/me?_rsc', { ...headers, rsc: '1' }, { sameBytes: false });
    const trpc = `/api/trpc/scorecards.county?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`;
    await expectCompressed(baseURL!, trpc, headers);

    // The page's own scripts: served from the build's brotli copies (immutable), gzip otherwise.
    const html = (await raw(baseURL!, '/me', { ...headers, 'accept-encoding': 'identity' })).body.toString('utf8');
    const scripts = [...html.matchAll(/src="(\/_next\/static\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts.slice(0, 3)) {
      await expectCompressed(baseURL!, script, {});
      const br = await raw(baseURL!, script, { 'accept-encoding': 'br' });
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(br.headers['content-type']).toMatch(/^application\/javascript/);
      expect(Number(br.headers['content-length'])).toBe(br.body.length);
      const head = await raw(baseURL!, script, { 'accept-encoding': 'br' }, 'HEAD');
      expect(head.status).toBe(200);
      expect(head.headers['content-length']).toBe(br.headers['content-length']);
    }
    await page.context().close();
  });

  test('nothing outside the static folder is served through /_next/static', async ({ baseURL }) => {
    // A brotli "asset" just outside static/: were the path checks missing, the tricks below reach it.
    const distDir = path.resolve(process.env.NEXT_DIST_DIR || '.next');
    const name = 'traversal-probe-' + process.pid;
    // Not in the file's name: a 404 page may quote the path it was asked for.
    const secret = crypto.randomUUID();
    const probe = path.join(distDir, `${name}.js`);
    fs.writeFileSync(probe, `/* ${secret} */`);
    fs.writeFileSync(`${probe}.br`, zlib.brotliCompressSync(`/* ${secret} */`));
    try {
      const targets = [
        `/_next/static/../${name}.js`,
        `/_next/static/%2e%2e/${name}.js`,
        `/_next/static/..%2f${name}.js`,
        `/_next/static/..%2F${name}.js`,
        `/_next/static/chunks/..%2f..%2f${name}.js`,
        `/_next/static/..%5c${name}.js`,
        '/_next/static/../../package.json',
        '/_next/static/..%2f..%2fpackage.json',
      ];
      const pkg = fs.readFileSync('package.json');
      for (const target of targets) {
        for (const accept of ['br', 'gzip', 'identity']) {
          const res = await raw(baseURL!, target, { 'accept-encoding': accept });
          const body = res.status === 200 ? decode(res) : res.body;
          expect(body.toString('utf8'), `${target} (${accept})`).not.toContain(secret);
          expect(body.equals(pkg), `${target} (${accept})`).toBe(false);
        }
      }
    } finally {
      fs.rmSync(probe, { force: true });
      fs.rmSync(`${probe}.br`, { force: true });
    }
  });
});
