import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import drizzle from 'eslint-plugin-drizzle';
import { layerConfigs } from './eslint.layers.mjs';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    // An update or delete without a where clause rewrites a whole table: never by accident.
    plugins: { drizzle },
    rules: {
      'drizzle/enforce-delete-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      'drizzle/enforce-update-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // The one place that reads process.env is server/env.ts (plus scripts and configs).
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through server/env.ts.' }],
      // Import cycles: tests/unit/architecture/import-cycles.test.ts checks the whole graph in one
      // pass; import/no-cycle re-walked it from every file and was most of the lint time.
    },
  },
  {
    files: ['server/env.ts', 'scripts/**', 'bench/**', 'tests/**', '*.config.*', 'proxy.ts', 'instrumentation.ts', 'lib/trpc/client.tsx', 'cli/**', 'eslint.layers.mjs'],
    rules: { 'no-restricted-properties': 'off' },
  },
  ...layerConfigs,
  { ignores: ['.next/**', '.next-*/**', 'node_modules/**', 'data/**', 'test-results/**', 'playwright-report/**', 'db/migrations/**', 'next-env.d.ts', 'bench/out/**', 'dist/**'] },
];

export default config;
