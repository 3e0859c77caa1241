import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin({
  requestConfig: './i18n/request.ts',
  experimental: {
    // The catalogues' ICU messages are compiled at build time, so the browser gets a small
    // formatter instead of the ICU parser (about 9 KB compressed off every page). Code run
    // outside the build (scripts, workers, tests) reads the JSON as written, with the full one.
    messages: { format: 'json', path: './messages', locales: ['en', 'zh-CN'], precompile: true },
  },
});

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder per concurrent test run (see scripts/e2e-server.mjs); .next by default.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  reactStrictMode: true,
  poweredByHeader: false,
  // scripts/next-server.mjs compresses instead (brotli, or gzip for clients without it), and
  // serves the build's brotli copies of static assets; Next's gzip would encode twice.
  compress: false,
  allowedDevOrigins: ['127.0.0.1'],
  serverExternalPackages: ['better-sqlite3', 'exceljs', 'piscina'],
  experimental: {
    // `forbidden()` renders app/forbidden.tsx with a 403 (a page a role may not open).
    authInterrupts: true,
    // Bodies pass through proxy.ts, which buffers at most this much (Next's default is 10 MB): the
    // one upload limit plus its multipart envelope (MAX_IMPORT_BYTES + UPLOAD_ENVELOPE_BYTES in
    // core/domain/imports.ts; a unit test keeps them equal). Larger uploads get a 413 that names it.
    proxyClientMaxBodySize: 21 * 1024 * 1024,
  },
  typedRoutes: false,
  // Type checking and lint run in `npm test`; the production build need not repeat them.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    // Static assets get the non-CSP headers too; pages get the full set from proxy.ts.
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
