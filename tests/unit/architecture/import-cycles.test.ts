// No import cycles among the project's files: one pass over the whole graph instead of the
// linter's import/no-cycle, which walked it again from every file (minutes of `eslint .`).
// Cycles through type-only imports are fine: they vanish at run time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { describeCycle, findCycles, importEdges, sourceFiles, type ImportEdge } from './import-graph';

const ROOT = process.cwd();

/** A throwaway project: tsconfig.json with the app's `@/*` paths, plus the given files. */
function fixture(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-cycles-'));
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'esnext', moduleResolution: 'bundler', paths: { '@/*': ['./*'] } } }),
  );
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  made.push(dir);
  return dir;
}
const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const notIgnored = async () => false;

async function cyclesIn(files: Record<string, string>): Promise<string[]> {
  const root = fixture(files);
  return findCycles(importEdges(root, await sourceFiles(root, notIgnored))).map(describeCycle);
}

describe('the cycle check', () => {
  it('finds a cycle through value imports, the `@/` alias, re-exports and import()', async () => {
    expect(
      await cyclesIn({
        'server/a.ts': "import { b } from './b';\nexport const a = b;\n",
        'server/b.ts': "export { c as b } from '@/core/c';\n",
        'core/c.ts': "export const c = 1;\nexport const later = () => import('../server/a');\n",
        'core/d.ts': "import { c } from './c';\nexport const d = c;\n",
      }),
    ).toEqual(['core/c.ts:2 → server/a.ts:1 → server/b.ts:1 → core/c.ts']);
  });

  it('finds a .mjs file importing itself back through a .ts file', async () => {
    expect(
      await cyclesIn({
        'scripts/x.mjs': "import { y } from './y.ts';\nexport const x = 1;\n",
        'scripts/y.ts': "import { x } from './x.mjs';\nexport const y = x;\n",
      }),
    ).toHaveLength(1);
  });

  it('lets type-only imports and packages through', async () => {
    expect(
      await cyclesIn({
        'a.ts': "import type { B } from './b';\nimport { z } from 'zod';\nexport type A = B;\nexport const s = z;\n",
        'b.ts': "import { type A } from './a';\nexport type B = A;\nexport const b = 1;\n",
        'c.ts': "export type { B } from './b';\nimport { b } from './b';\nexport const c = b;\n",
      }),
    ).toEqual([]);
  });

  it('reports each separate cycle once', async () => {
    const cycles = await cyclesIn({
      'a.ts': "import './b';\n",
      'b.ts': "import './a';\n",
      'c.ts': "import './d';\n",
      'd.ts': "import './e';\n",
      'e.ts': "import './c';\n",
    });
    expect(cycles).toEqual(['a.ts:1 → b.ts:1 → a.ts', 'c.ts:1 → d.ts:1 → e.ts:1 → c.ts']);
  });
});

describe('the project', () => {
  it('has no import cycles among the files the linter checks', async () => {
    const eslint = new ESLint({ cwd: ROOT });
    const files = await sourceFiles(ROOT, (rel) => eslint.isPathIgnored(path.join(ROOT, rel)));
    // The walk must see the app, or an empty graph would pass.
    expect(files).toEqual(expect.arrayContaining(['server/trpc/root.ts', 'core/scoring/score.ts', 'eslint.config.mjs']));
    expect(files.some((f) => f.startsWith('node_modules/') || f.startsWith('.next/'))).toBe(false);
    const edges: ImportEdge[] = importEdges(ROOT, files);
    expect(edges.length).toBeGreaterThan(files.length);
    expect(findCycles(edges).map(describeCycle)).toEqual([]);
  }, 120_000);
});
