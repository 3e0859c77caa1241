// Compression of what the server sends. Two halves:
// - at build time, a brotli copy (quality 11, slow but done once) of every text asset under
//   <distDir>/static, which the server hands out as is to clients that accept br;
// - at request time, brotli (or gzip for clients without it) at a quality that costs little CPU
//   for pages, RSC payloads and API JSON, flushed chunk by chunk so streamed HTML still arrives
//   progressively. Next's own `compress` (gzip only) is off in next.config.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const brotliCompress = promisify(zlib.brotliCompress);

/** Asset types worth a brotli copy, with the content type Next serves them with. */
export const STATIC_TYPES = {
  '.js': 'application/javascript; charset=UTF-8',
  '.css': 'text/css; charset=UTF-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=UTF-8',
  '.txt': 'text/plain; charset=UTF-8',
};
/** The cache policy Next gives files under /_next/static (their names carry a content hash). */
export const STATIC_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** Headers next.config.mjs adds to every response, static assets included. */
const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'DENY',
};

function listAssets(dir, out) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) listAssets(full, out);
    else if (entry.isFile() && Object.hasOwn(STATIC_TYPES, path.extname(entry.name))) out.push(full);
  }
  return out;
}

/**
 * Writes `<file>.br` next to each text asset under `<distDir>/static`, two at a time (quality 11
 * is CPU-bound and the machine may have two cores). A copy that would not be smaller is not
 * written, so the server falls through to Next for that file. Returns counts and sizes.
 */
export async function precompressStatic(distDir, { concurrency = 2 } = {}) {
  const files = listAssets(path.join(distDir, 'static'), []);
  let written = 0;
  let before = 0;
  let after = 0;
  let next = 0;
  async function worker() {
    while (next < files.length) {
      const file = files[next++];
      const source = await fs.promises.readFile(file);
      const compressed = await brotliCompress(source, {
        params: {
          [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
          [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: source.length,
        },
      });
      if (compressed.length >= source.length) {
        await fs.promises.rm(`${file}.br`, { force: true });
        continue;
      }
      await fs.promises.writeFile(`${file}.br`, compressed);
      written++;
      before += source.length;
      after += compressed.length;
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return { files: files.length, written, before, after };
}

/** The q-value the client gives `coding` in Accept-Encoding (0 when absent). */
function acceptQuality(header, coding) {
  if (typeof header !== 'string') return 0;
  let wildcard = 0;
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const quality = q === undefined ? 1 : Number.parseFloat(q.slice(2)) || 0;
    if (name === coding) return quality;
    if (name === '*') wildcard = quality;
  }
  return wildcard;
}

/** 'br', 'gzip' or null: what the request accepts, brotli preferred. */
export function negotiateEncoding(header) {
  if (acceptQuality(header, 'br') > 0) return 'br';
  if (acceptQuality(header, 'gzip') > 0) return 'gzip';
  return null;
}

function addVary(res) {
  const vary = String(res.getHeader('Vary') ?? '');
  if (!/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(vary)) res.setHeader('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
}

/**
 * Serves GET/HEAD of /_next/static/<file> from its brotli copy when the client accepts br and the
 * copy exists. Returns false (leaving the response untouched) whenever Next should answer instead:
 * other paths, no copy (a build from before this step), Range requests, bad escapes, or a path
 * that resolves outside the static folder.
 */
export async function servePrecompressed(req, res, staticDir) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const url = req.url ?? '';
  if (!url.startsWith('/_next/static/') || req.headers.range) return false;
  if (acceptQuality(req.headers['accept-encoding'], 'br') <= 0) return false;
  let relative;
  try {
    relative = decodeURIComponent(url.slice('/_next/static/'.length).split(/[?#]/, 1)[0]);
  } catch {
    return false;
  }
  if (relative.includes('\0')) return false;
  const type = STATIC_TYPES[path.extname(relative)];
  if (!type) return false;
  const root = path.resolve(staticDir);
  const file = path.resolve(root, relative);
  if (!file.startsWith(root + path.sep)) return false;
  let handle;
  try {
    handle = await fs.promises.open(`${file}.br`, 'r');
  } catch {
    return false;
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return false;
    const body = req.method === 'HEAD' ? null : await handle.readFile();
    res.statusCode = 200;
    for (const [name, value] of Object.entries(COMMON_HEADERS)) res.setHeader(name, value);
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Encoding', 'br');
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('Cache-Control', STATIC_CACHE_CONTROL);
    res.setHeader('Content-Length', String(body ? body.length : stat.size));
    res.end(body ?? undefined);
    return true;
  } finally {
    await handle.close();
  }
}

/** Bodies smaller than this gain less than the encoding costs. */
export const MIN_COMPRESSED_BYTES = 1024;
/** Brotli quality per request: 10% smaller than 4 (and than gzip) for ~1 ms more on a 376 KB page; 11 costs 150 times that. */
export const DYNAMIC_BROTLI_QUALITY = 5;
const DYNAMIC_GZIP_LEVEL = 6;
const COMPRESSIBLE_TYPE = /^(text\/|application\/(json|javascript|xml|manifest\+json|[a-z.+-]+\+(json|xml))|image\/svg\+xml)/i;

function shouldCompress(req, res) {
  if (req.method === 'HEAD') return false;
  const status = res.statusCode;
  // A 206's Content-Range counts bytes of the plain file.
  if (status < 200 || status === 204 || status === 206 || status === 304) return false;
  if (res.getHeader('Content-Encoding') || res.getHeader('Content-Range')) return false;
  const type = String(res.getHeader('Content-Type') ?? '');
  if (!COMPRESSIBLE_TYPE.test(type) || /^text\/event-stream/i.test(type)) return false;
  if (/\bno-transform\b/i.test(String(res.getHeader('Cache-Control') ?? ''))) return false;
  const length = res.getHeader('Content-Length');
  if (length !== undefined && Number(length) < MIN_COMPRESSED_BYTES) return false;
  return true;
}

function createEncoder(encoding, sizeHint) {
  if (encoding === 'br') {
    return zlib.createBrotliCompress({
      params: {
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_QUALITY]: DYNAMIC_BROTLI_QUALITY,
        ...(sizeHint > 0 ? { [zlib.constants.BROTLI_PARAM_SIZE_HINT]: sizeHint } : {}),
      },
    });
  }
  return zlib.createGzip({ level: DYNAMIC_GZIP_LEVEL });
}

/**
 * Wraps `res` so that a compressible body is encoded on its way out. The choice is made when the
 * headers go out (writeHead, which Node also calls for an implicit header), from the status and
 * headers then set. `res.flush()` — which Next calls after every chunk it streams — pushes what
 * the encoder holds to the client, so Suspense boundaries arrive as they resolve.
 */
export function compressResponse(req, res) {
  const encoding = negotiateEncoding(req.headers['accept-encoding']);
  const original = { writeHead: res.writeHead, write: res.write, end: res.end };
  let decided = false;
  /** The encoder, when this response is compressed. */
  let encoder = null;
  /** Set by end() before the headers go out: the whole body, to skip tiny ones. */
  let pendingEndLength = -1;

  function decide() {
    decided = true;
    const compressible = shouldCompress(req, res);
    if (compressible) addVary(res);
    if (!compressible || !encoding || (pendingEndLength >= 0 && pendingEndLength < MIN_COMPRESSED_BYTES)) return;
    const length = Number(res.getHeader('Content-Length') ?? pendingEndLength);
    res.removeHeader('Content-Length');
    res.setHeader('Content-Encoding', encoding);
    encoder = createEncoder(encoding, length);
    encoder.on('data', (chunk) => {
      if (!original.write.call(res, chunk)) encoder.pause();
    });
    // Both the socket draining and the encoder draining emit 'drain' on the response: the first
    // lets the encoder go on, the second lets Next (waiting on res 'drain') write more.
    res.on('drain', () => encoder.resume());
    encoder.on('drain', () => res.emit('drain'));
    encoder.on('error', (error) => res.destroy(error));
    res.once('close', () => {
      if (!encoder.destroyed) encoder.destroy();
    });
  }

  res.writeHead = function writeHead(statusCode, ...rest) {
    if (!decided) {
      res.statusCode = statusCode;
      const headers = typeof rest[0] === 'string' ? rest[1] : rest[0];
      if (headers && !Array.isArray(headers)) {
        for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value);
        rest = typeof rest[0] === 'string' ? [rest[0]] : [];
      } else if (Array.isArray(headers)) {
        decided = true; // raw header lists are left as they are
      }
      if (!decided) decide();
    }
    return original.writeHead.call(res, statusCode, ...rest);
  };

  res.write = function write(chunk, ...rest) {
    if (!res.headersSent) res.writeHead(res.statusCode);
    if (!encoder) return original.write.call(res, chunk, ...rest);
    return encoder.write(chunk, ...rest);
  };

  let ended = false;
  res.end = function end(chunk, ...rest) {
    if (typeof chunk === 'function') {
      rest = [chunk];
      chunk = undefined;
    }
    if (!res.headersSent) {
      pendingEndLength = chunk == null ? 0 : typeof chunk === 'string' ? Buffer.byteLength(chunk, typeof rest[0] === 'string' ? rest[0] : 'utf8') : chunk.length;
      res.writeHead(res.statusCode);
    }
    if (!encoder) return original.end.call(res, chunk, ...rest);
    if (ended) return res;
    ended = true;
    const callback = rest.find((arg) => typeof arg === 'function');
    encoder.once('end', () => original.end.call(res, callback));
    if (chunk != null) encoder.end(chunk, typeof rest[0] === 'string' ? rest[0] : undefined);
    else encoder.end();
    return res;
  };

  res.flush = function flush() {
    if (!encoder || encoder.destroyed) return;
    encoder.flush(encoding === 'br' ? zlib.constants.BROTLI_OPERATION_FLUSH : zlib.constants.Z_SYNC_FLUSH);
  };
}
