// The production build is redone when a file it bundles changes: every folder the app's code
// imports through the `@/` alias must be among the folders the build's source hash reads, or a
// change there (say, to the scoring engine in core/) would be served from a stale build.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module without types
import { SOURCE_DIRS } from '../../../scripts/lib/build.mjs';

const ROOT = path.resolve(__dirname, '../../..');
const BUNDLED = ['app', 'components', 'server', 'lib', 'i18n', 'core', 'db'];

function sources(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sources(p, out);
    else if (/\.(tsx?|mjs)$/.test(e.name)) out.push(p);
  }
  return out;
}

describe('build inputs', () => {
  it('include every folder the bundled code imports', () => {
    const imported = new Set<string>();
    for (const dir of BUNDLED) {
      if (!fs.existsSync(path.join(ROOT, dir))) continue;
      for (const file of sources(path.join(ROOT, dir))) {
        for (const m of fs.readFileSync(file, 'utf8').matchAll(/from '@\/([\w-]+)\//g)) imported.add(m[1]!);
      }
    }
    expect(imported.size).toBeGreaterThan(3);
    expect([...imported].filter((d) => !(SOURCE_DIRS as string[]).includes(d))).toEqual([]);
  });
});
