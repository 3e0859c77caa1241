// The layers of the app, kept by the linter: each folder may import only the layers below it.
//   app/ pages, components/  →  server/trpc (procedures), server/http (route handlers)
//   →  server/services  →  server/queries  →  core/ (pure) and db/ (schema, client)
// seed/ and cli/ sit beside the app: seed drives the services, cli uses only pure code.
// README.md ("Architecture") and docs/architecture.md explain the flow.

const UI = ['@/app', '@/app/*', '@/components', '@/components/*'];
const TOOLS = ['@/seed', '@/seed/*', '@/cli', '@/cli/*'];
const DB = ['@/db', '@/db/*', 'drizzle-orm', 'drizzle-orm/*', 'better-sqlite3'];
const NODE = ['node:*', 'fs', 'path', 'crypto', 'child_process', 'worker_threads'];

function rule(message, group, allowTypeImports = false) {
  return ['error', { patterns: [{ group, message, allowTypeImports }] }];
}

function layer(name, files, { ignores = [], group, message, allowTypeImports = false }) {
  return {
    name: `layers/${name}`,
    files,
    ignores,
    rules: { '@typescript-eslint/no-restricted-imports': rule(message, group, allowTypeImports) },
  };
}

export const layerConfigs = [
  layer('core', ['core/**'], {
    group: ['@/server', '@/server/*', ...DB, ...UI, ...TOOLS, '@/lib/*', 'react', 'react-dom', 'next', 'next/*', 'server-only', ...NODE],
    message: 'core/ is pure code (no I/O, database, React or Node APIs): the browser, the server, the CLI and workers import it.',
  }),
  layer('db', ['db/**'], {
    group: ['@/server', '@/server/*', '../../server/*', ...UI, ...TOOLS, '@/lib/*'],
    message: 'db/ holds the schema, migrations and client; it imports nothing from the layers above it.',
  }),
  layer('queries', ['server/queries/**'], {
    group: ['@/server/services', '@/server/services/*', '@/server/trpc', '@/server/trpc/*', '@/server/http', '@/server/http/*', ...UI, ...TOOLS, '@/lib/*'],
    message: 'Queries sit below the services: they read and write data and call nothing above them.',
  }),
  layer('services', ['server/services/**'], {
    group: ['@/server/services', '@/server/services/*', '@/server/trpc', '@/server/trpc/*', '@/server/http', '@/server/http/*', ...UI, ...TOOLS, '@/lib/*'],
    message: 'A service is one use case: it calls queries and pure code, never another service or the layers above.',
  }),
  layer('procedures', ['server/trpc/**', 'server/http/**'], {
    group: [...DB, '@/server/queries', '@/server/queries/*', ...UI, ...TOOLS, '@/lib/*'],
    allowTypeImports: true,
    message: 'Procedures and route handlers stay thin: they validate, check the permission and call a service.',
  }),
  layer('server', ['server/**'], {
    ignores: ['server/queries/**', 'server/services/**', 'server/trpc/**', 'server/http/**'],
    group: [...UI, ...TOOLS, '@/lib/*'],
    message: 'Server code does not import pages, components, the seeders or the CLI.',
  }),
  layer('seed', ['seed/**'], {
    group: [...UI, '@/cli', '@/cli/*', '@/lib/*'],
    message: 'The demo and province generators drive the services; they import no UI.',
  }),
  layer('cli', ['cli/**'], {
    group: ['@/server', '@/server/*', ...DB, ...UI, '@/seed', '@/seed/*', '@/lib/*', 'react', 'next', 'next/*'],
    message: 'The CLI works on files with the pure engine only.',
  }),
  layer('components', ['components/**'], {
    group: ['@/server', '@/server/*', ...DB, '@/app', '@/app/*', ...TOOLS, '@/lib/trpc/server', 'server-only', ...NODE],
    allowTypeImports: true,
    message: 'Components run in the browser: they reach the server only through tRPC (type-only imports of the router are fine).',
  }),
  layer('route handlers', ['app/api/**'], {
    group: ['@/server/*', '!@/server/http', ...DB, ...TOOLS, '@/components', '@/components/*'],
    message: 'A route handler is one call to the wrapper in server/http (session, permission, error mapping).',
  }),
  layer('pages', ['app/**'], {
    ignores: ['app/api/**'],
    group: ['@/server', '@/server/*', ...DB, ...TOOLS, ...NODE],
    allowTypeImports: true,
    message: 'Pages reach the server through the tRPC caller (@/lib/trpc/server), never services or the database directly.',
  }),
];
