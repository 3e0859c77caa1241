// Both catalogs must have the same keys (and the same placeholders), and every validation key the
// code can produce must exist — otherwise a user sees a raw key instead of a sentence.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogs } from '@/i18n/messages';
import { localeFromAcceptLanguage } from '@/i18n/config';

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

/** Top-level ICU argument names, e.g. {count, plural, …} → count. */
function placeholders(message: string): string[] {
  const names = new Set<string>();
  let depth = 0;
  for (let i = 0; i < message.length; i++) {
    const c = message[i];
    if (c === '{') {
      if (depth === 0) {
        const m = /^\{\s*([A-Za-z_][\w]*)/.exec(message.slice(i));
        if (m) names.add(m[1]!);
      }
      depth++;
    } else if (c === '}') depth--;
  }
  return [...names].sort();
}

const en = flatten(catalogs.en as unknown as Tree);
const zh = flatten(catalogs['zh-CN'] as unknown as Tree);

describe('message catalogs', () => {
  it('have exactly the same keys in en and zh-CN', () => {
    const onlyEn = [...en.keys()].filter((k) => !zh.has(k));
    const onlyZh = [...zh.keys()].filter((k) => !en.has(k));
    expect({ onlyEn, onlyZh }).toEqual({ onlyEn: [], onlyZh: [] });
    expect(en.size).toBeGreaterThan(100);
  });

  it('use the same placeholders in both languages', () => {
    const mismatched = [...en.entries()]
      .filter(([k, v]) => zh.has(k) && placeholders(v).join() !== placeholders(zh.get(k)!).join())
      .map(([k]) => k);
    expect(mismatched).toEqual([]);
  });

  it('contain every validation key the code can produce', () => {
    const roots = ['server', 'components', 'app', 'lib'];
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(ts|tsx)$/.test(e.name)) {
          for (const m of fs.readFileSync(p, 'utf8').matchAll(/vmsg\('(validation\.[\w.]+)'/g)) used.add(m[1]!);
        }
      }
    };
    for (const r of roots) if (fs.existsSync(r)) walk(r);
    expect(used.size).toBeGreaterThan(5);
    expect([...used].filter((k) => !en.has(k))).toEqual([]);
  });
});

describe('locale negotiation', () => {
  it('follows Accept-Language with q-values, defaulting to Chinese', () => {
    expect(localeFromAcceptLanguage('en-US,en;q=0.9')).toBe('en');
    expect(localeFromAcceptLanguage('zh-TW,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(localeFromAcceptLanguage('fr-FR,en;q=0.5,zh;q=0.8')).toBe('zh-CN');
    expect(localeFromAcceptLanguage('de-DE')).toBe('zh-CN');
    expect(localeFromAcceptLanguage(null)).toBe('zh-CN');
  });
});
