// Only the messages a page's client components use are sent to the browser (components/app/
// client-messages.tsx). This check walks each route file's imports to the 'use client' modules it
// reaches, reads what their translators look up and fails when the provider chain (the root
// layout's shell namespaces, the segment layouts', the page's <ClientMessages>) misses any of it:
// in the browser that message would show as its key.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { catalogs } from '@/i18n/messages';
import { pickMessages, SHELL_NAMESPACES } from '@/i18n/pick-messages';
import { analyse, missingNamespaces, TRANSLATOR_HELPERS, unusedNamespaces, type Analysis } from './client-namespaces';

const ROOT = process.cwd();

const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A throwaway project with the app's `@/*` paths and the given files. */
function fixture(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'client-messages-'));
  made.push(dir);
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'esnext', moduleResolution: 'bundler', jsx: 'preserve', paths: { '@/*': ['./*'] } } }),
  );
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

// A small app: a client list whose rows use a helper hook, a form that translates server messages.
const APP = {
  'app/layout.tsx': "export default function L({ children }) { return <html><body>{children}</body></html>; }\n",
  'app/(app)/layout.tsx': "import { ClientMessages } from '@/components/cm';\nimport { Shell } from '@/components/shell';\nexport default function L({ children }) { return <ClientMessages namespaces={['nav']}><Shell>{children}</Shell></ClientMessages>; }\n",
  'components/cm.tsx': 'export function ClientMessages({ children }) { return children; }\n',
  'components/shell.tsx': "'use client';\nimport { useTranslations } from 'next-intl';\nexport function Shell({ children }) { const t = useTranslations('nav'); return <nav aria-label={t('label')}>{children}</nav>; }\n",
  'components/use-labels.ts': "import { useTranslations } from 'next-intl';\nexport function useLabels() { const t = useTranslations('pager'); return { next: t('next') }; }\n",
  'components/list.tsx': "'use client';\nimport { useTranslations } from 'next-intl';\nimport { useLabels } from './use-labels';\nimport { translateMessage } from './errors';\nexport function List({ kind }) { const t = useTranslations('list'); const tAll = useTranslations(); useLabels(); return <p>{t(`kinds.${kind}`)} {translateMessage(tAll, 'validation.x')}</p>; }\n",
  'components/errors.ts': 'export function translateMessage(t, m) { return t(m); }\n',
  'components/server-only.tsx': "import { useTranslations } from 'next-intl';\nexport function Title() { const t = useTranslations('server'); return <h1>{t('title')}</h1>; }\n",
  'app/(app)/things/page.tsx':
    "import { ClientMessages } from '@/components/cm';\nimport { List } from '@/components/list';\nimport { Title } from '@/components/server-only';\nexport default function P() { return <ClientMessages namespaces={['list.kinds', 'pager', 'validation', 'errors', 'jobs']}><Title /><List kind=\"a\" /></ClientMessages>; }\n",
};

describe('the client-messages check', () => {
  it('passes a page whose chain provides what its client modules use (not what server components use)', async () => {
    const analysis = await analyse(fixture(APP));
    expect(analysis.problems).toEqual([]);
    expect(missingNamespaces(analysis, [])).toEqual([]);
    expect(unusedNamespaces(analysis)).toEqual([]);
  });

  it('fails when a page forgets a namespace, naming the page and the file that uses it', async () => {
    const app = { ...APP, 'app/(app)/things/page.tsx': APP['app/(app)/things/page.tsx'].replace("'pager', ", '') };
    expect(missingNamespaces(await analyse(fixture(app)), [])).toEqual(['app/(app)/things/page.tsx: pager.next (components/use-labels.ts:2)']);
  });

  it('fails when a layout forgets one, and for the root translator handed to a helper', async () => {
    const app = {
      ...APP,
      'app/(app)/layout.tsx': APP['app/(app)/layout.tsx'].replace("namespaces={['nav']}", 'namespaces={[]}'),
      'app/(app)/things/page.tsx': APP['app/(app)/things/page.tsx'].replace(", 'jobs'", ''),
    };
    expect(missingNamespaces(await analyse(fixture(app)), [])).toEqual([
      'app/(app)/layout.tsx: nav.label (components/shell.tsx:3)',
      'app/(app)/things/page.tsx: jobs (components/list.tsx:5)',
    ]);
  });

  it('reports namespaces a page sends for nothing, and lists that are not literals', async () => {
    const app = {
      ...APP,
      'app/(app)/things/page.tsx': APP['app/(app)/things/page.tsx'].replace("'pager'", "'pager', 'admin'"),
      'app/(app)/other/page.tsx': "import { ClientMessages } from '@/components/cm';\nconst NS = ['x'];\nexport default function P() { return <ClientMessages namespaces={NS}>x</ClientMessages>; }\n",
    };
    const analysis = await analyse(fixture(app));
    expect(unusedNamespaces(analysis)).toEqual(['app/(app)/things/page.tsx: admin']);
    expect(analysis.problems).toEqual(['app/(app)/other/page.tsx: <ClientMessages namespaces> must be an array of string literals']);
  });
});

describe("the app's pages", () => {
  let analysis: Analysis;
  it('reads the route files', async () => {
    analysis = await analyse(ROOT);
    expect(analysis.routes.map((r) => r.file)).toEqual(expect.arrayContaining(['app/layout.tsx', 'app/sign-in/page.tsx', 'app/(app)/evaluations/[id]/page.tsx']));
    // The walk reaches the client modules: the evaluation form's page needs its editor's messages.
    expect(analysis.needs.get('app/(app)/evaluations/[id]/page.tsx')!.some((n) => n.namespace.startsWith('evaluations.editor.'))).toBe(true);
    expect(analysis.problems).toEqual([]);
  }, 60_000);

  it('the root layout provides the shell namespaces, which this check assumes', () => {
    const layout = fs.readFileSync(path.join(ROOT, 'app/layout.tsx'), 'utf8');
    expect(layout).toMatch(/const messages = pickMessages\(await getMessages\(\), SHELL_NAMESPACES\)/);
    expect(layout).toMatch(/<NextIntlClientProvider messages=\{messages\}>/);
    expect(layout.match(/<NextIntlClientProvider\b/g)).toHaveLength(1);
  });

  it("every page's client components get every namespace they use", () => {
    expect(missingNamespaces(analysis, SHELL_NAMESPACES)).toEqual([]);
  });

  it('no page sends a namespace its client components do not use', () => {
    expect(unusedNamespaces(analysis)).toEqual([]);
  });

  it('every provided namespace exists in both catalogues', () => {
    const all = [...SHELL_NAMESPACES, ...[...analysis.provided.values()].flat()];
    for (const locale of ['en', 'zh-CN'] as const) expect(() => pickMessages(catalogs[locale], all)).not.toThrow();
  });

  it("every vmsg() key is one translateKeyed's namespaces cover", () => {
    const keys = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
        const rel = `${dir}/${entry.name}`;
        if (entry.isDirectory()) walk(rel);
        else if (/\.tsx?$/.test(entry.name)) for (const m of fs.readFileSync(path.join(ROOT, rel), 'utf8').matchAll(/vmsg\(\s*['`]([\w.]+)/g)) keys.add(m[1]!);
      }
    };
    ['core', 'server', 'lib', 'components'].forEach(walk);
    expect(keys.size).toBeGreaterThan(20);
    const uncovered = [...keys].filter((k) => !TRANSLATOR_HELPERS.translateKeyed!.some((ns) => k === ns || k.startsWith(`${ns}.`)));
    expect(uncovered).toEqual([]);
  });
});

describe('pickMessages', () => {
  const messages = { a: { b: { c: 'C', d: 'D' }, e: 'E' }, f: { g: 'G' } };
  it('picks namespaces, sub-trees and single messages at their paths', () => {
    expect(pickMessages(messages, ['a.b.c', 'f'])).toEqual({ a: { b: { c: 'C' } }, f: { g: 'G' } });
    expect(pickMessages(messages, ['a.b.c', 'a.b'])).toEqual({ a: { b: { c: 'C', d: 'D' } } });
    expect(pickMessages(messages, ['a.b', 'a.e'])).toEqual({ a: { b: { c: 'C', d: 'D' }, e: 'E' } });
  });
  it('throws on a path the catalogue does not have', () => {
    expect(() => pickMessages(messages, ['a.x'])).toThrow('No messages at "a.x"');
  });
});
