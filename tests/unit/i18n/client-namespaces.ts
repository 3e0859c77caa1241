// Which message namespaces the browser needs for each page, read from the source: the 'use client'
// modules a route file reaches through its imports, the useTranslations() calls in them and what
// their translators are called with. And which namespaces each route file provides with
// <ClientMessages namespaces={[…]}>. The check in client-messages.test.ts compares the two.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { importEdges, sourceFiles } from '../architecture/import-graph';

/**
 * Helpers that take a translator and the keys they can look up with it, as namespaces of the
 * whole catalogue: translateMessage translates "validation.…", "errors.…" and "jobs.…" messages
 * (parseVmsg), translateKeyed also the other vmsg() keys (the test checks every vmsg() key is
 * covered), fieldLabel names fields with errors.field.
 */
export const TRANSLATOR_HELPERS: Record<string, readonly string[]> = {
  translateMessage: ['validation', 'errors', 'jobs'],
  translateKeyed: ['validation', 'errors', 'jobs', 'evaluations.validation', 'whatIf.errors'],
  fieldLabel: ['errors.field'],
};

/** Hooks whose dependency list may name a translator without looking anything up. */
const DEPENDENCY_HOOKS = new Set(['useEffect', 'useLayoutEffect', 'useMemo', 'useCallback']);

export type Need = { namespace: string; file: string; line: number };

function scriptKind(file: string) {
  return /x$/.test(file) ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
}

function parse(root: string, file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.Latest, true, scriptKind(file));
}

export function isClientModule(source: ts.SourceFile): boolean {
  const first = source.statements[0];
  return !!first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === 'use client';
}

const join = (prefix: string, key: string) => (prefix && key ? `${prefix}.${key}` : prefix || key);

/** The declarations named `name` in `scope` (variables, parameters, destructured properties). */
function declarationsOf(scope: ts.Node, name: string): ts.Node[] {
  const found: ts.Node[] = [];
  const walk = (node: ts.Node) => {
    if ((ts.isVariableDeclaration(node) || ts.isBindingElement(node) || ts.isParameter(node)) && ts.isIdentifier(node.name) && node.name.text === name) found.push(node);
    if (ts.isPropertySignature(node) && ts.isIdentifier(node.name) && node.name.text === name) found.push(node);
    ts.forEachChild(node, walk);
  };
  walk(scope);
  return found;
}

/** The string literals a declared type allows ('a' | 'b'), or null. */
function literalUnion(type: ts.TypeNode | undefined): string[] | null {
  if (!type) return null;
  const members = ts.isUnionTypeNode(type) ? type.types : [type];
  const out: string[] = [];
  for (const m of members) {
    if (ts.isLiteralTypeNode(m) && ts.isStringLiteral(m.literal)) out.push(m.literal.text);
    else return null;
  }
  return out;
}

/**
 * The static part of a key argument: "a.b" for 'a.b', "a" for `a.${x}` (whole: anything under it),
 * through a const in the same file; null when nothing is static.
 */
function staticKey(arg: ts.Expression | undefined): { key: string; whole: boolean } | null {
  if (!arg) return null;
  if (ts.isIdentifier(arg)) {
    const [declaration, ...others] = declarationsOf(arg.getSourceFile(), arg.text);
    if (!others.length && declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && ts.isVariableDeclarationList(declaration.parent) && declaration.parent.flags & ts.NodeFlags.Const) {
      return staticKey(declaration.initializer);
    }
    return null;
  }
  if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) return { key: arg.text, whole: false };
  if (ts.isTemplateExpression(arg)) {
    const head = arg.head.text;
    const dot = head.lastIndexOf('.');
    return dot > 0 ? { key: head.slice(0, dot), whole: true } : null;
  }
  if (ts.isAsExpression(arg) || ts.isParenthesizedExpression(arg)) return staticKey(arg.expression);
  return null;
}

/** The messages a module looks up through useTranslations(), as namespaces (paths) of the catalogue. */
export function translationNeeds(source: ts.SourceFile): Need[] {
  const needs: Need[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
  const need = (namespace: string, node: ts.Node) => needs.push({ namespace, file: source.fileName, line: lineOf(node) });

  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'useTranslations') {
      const arg = node.arguments[0];
      let prefixes: string[];
      if (!arg) prefixes = [''];
      else if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) prefixes = [arg.text];
      else {
        // A namespace passed in: the literals its declared type allows ('a' | 'b').
        const allowed = ts.isIdentifier(arg)
          ? declarationsOf(source, arg.text).map((d) => literalUnion((d as { type?: ts.TypeNode }).type)).find((u) => u !== null)
          : null;
        if (!allowed) {
          // Computed at run time: cannot be checked, so it must be named literally.
          need('<computed namespace>', node);
          return;
        }
        prefixes = allowed;
      }
      const declaration = node.parent;
      for (const prefix of prefixes) {
        if (ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name)) translatorUses(declaration.name, prefix, need);
        else need(prefix || '<whole catalogue>', node);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return needs;
}

/** What the translator bound to `name` looks up, within the function that declares it. */
function translatorUses(name: ts.Identifier, prefix: string, need: (namespace: string, node: ts.Node) => void) {
  let scope: ts.Node = name;
  while (scope.parent && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  const walk = (node: ts.Node) => {
    if (ts.isIdentifier(node) && node.text === name.text && node !== name) onReference(node);
    ts.forEachChild(node, walk);
  };
  const onReference = (ref: ts.Identifier) => {
    const parent = ref.parent;
    // t('key'), t(`key.${x}`)
    if (ts.isCallExpression(parent) && parent.expression === ref) return lookUp(parent.arguments[0], parent);
    // t.rich('key'), t.has('key'), t.markup('key'), t.raw('key')
    if (ts.isPropertyAccessExpression(parent) && parent.expression === ref && ts.isCallExpression(parent.parent) && parent.parent.expression === parent) {
      return lookUp(parent.parent.arguments[0], parent.parent);
    }
    // [t] in a hook's dependency list
    if (ts.isArrayLiteralExpression(parent) && ts.isCallExpression(parent.parent) && ts.isIdentifier(parent.parent.expression) && DEPENDENCY_HOOKS.has(parent.parent.expression.text)) return;
    // helper(t, …), helper(t as …, …) with a known helper
    let arg: ts.Node = ref;
    while (ts.isAsExpression(arg.parent) || ts.isParenthesizedExpression(arg.parent)) arg = arg.parent;
    const call = arg.parent;
    if (ts.isCallExpression(call) && call.arguments[0] === arg && ts.isIdentifier(call.expression) && TRANSLATOR_HELPERS[call.expression.text] && prefix === '') {
      for (const namespace of TRANSLATOR_HELPERS[call.expression.text]!) need(namespace, call);
      return;
    }
    // Passed on, stored, …: anything under its namespace may be looked up.
    need(prefix || '<whole catalogue>', ref);
  };
  const lookUp = (arg: ts.Expression | undefined, call: ts.Node) => {
    const key = staticKey(arg);
    need(key ? join(prefix, key.key) : prefix || '<whole catalogue>', call);
  };
  walk(scope);
}

export type RouteFile = { file: string; chain: string[] };

const ROUTE_FILE = /^(page|layout|error|not-found|forbidden|unauthorized|loading|template|default)\.tsx?$/;

/**
 * Every route file under app/ with its provider chain: the layouts around it from the root down
 * (a layout is inside its own chain; error, not-found, loading… are inside their folder's layout).
 */
export function routeFiles(root: string, files: string[]): RouteFile[] {
  const known = new Set(files);
  const out: RouteFile[] = [];
  for (const file of files) {
    if (!file.startsWith('app/') || !ROUTE_FILE.test(path.posix.basename(file))) continue;
    const dirs = path.posix.dirname(file).split('/');
    const chain: string[] = [];
    for (let i = 1; i <= dirs.length; i++) {
      const layout = ['tsx', 'ts'].map((ext) => `${dirs.slice(0, i).join('/')}/layout.${ext}`).find((f) => known.has(f));
      if (layout && layout !== file) chain.push(layout);
    }
    chain.push(file);
    out.push({ file, chain });
  }
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

/** The namespaces a module provides: the literal strings of its <ClientMessages namespaces={[…]}>. */
export function providedNamespaces(source: ts.SourceFile): { namespaces: string[]; problems: string[] } {
  const namespaces: string[] = [];
  const problems: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) && node.tagName.getText(source) === 'ClientMessages') {
      const attr = node.attributes.properties.find((p): p is ts.JsxAttribute => ts.isJsxAttribute(p) && p.name.getText(source) === 'namespaces');
      const value = attr?.initializer && ts.isJsxExpression(attr.initializer) ? attr.initializer.expression : undefined;
      if (!value || !ts.isArrayLiteralExpression(value) || !value.elements.every(ts.isStringLiteral)) {
        problems.push(`${source.fileName}: <ClientMessages namespaces> must be an array of string literals`);
      } else {
        namespaces.push(...value.elements.map((e) => (e as ts.StringLiteral).text));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { namespaces, problems };
}

/** True when `need` is covered by one of the provided namespaces (the same path or a parent of it). */
export function covered(need: string, provided: readonly string[]): boolean {
  return provided.some((p) => need === p || need.startsWith(`${p}.`));
}

export type Analysis = {
  /** Per route file: the needs of the client modules it reaches (itself included). */
  needs: Map<string, Need[]>;
  provided: Map<string, string[]>;
  problems: string[];
  routes: RouteFile[];
};

/** Reads the project (or a fixture) under `root`: app/, components/, lib/ and the other source folders. */
export async function analyse(root: string): Promise<Analysis> {
  const folders = /^(app|components|lib|core|server|i18n|hooks)\//;
  const files = await sourceFiles(root, async (rel) => !folders.test(rel));
  const next = new Map<string, string[]>();
  for (const e of importEdges(root, files)) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const sources = new Map<string, ts.SourceFile>();
  const sourceOf = (file: string) => {
    if (!sources.has(file)) sources.set(file, parse(root, file));
    return sources.get(file)!;
  };
  const needsOfModule = new Map<string, Need[]>();
  const moduleNeeds = (file: string) => {
    if (!needsOfModule.has(file)) needsOfModule.set(file, translationNeeds(sourceOf(file)));
    return needsOfModule.get(file)!;
  };

  const routes = routeFiles(root, files);
  const needs = new Map<string, Need[]>();
  const provided = new Map<string, string[]>();
  const problems: string[] = [];
  for (const { file } of routes) {
    // Walk the imports; a module runs in the browser once a 'use client' module is on the way to it.
    const seen = new Set<string>();
    const found: Need[] = [];
    const queue: [string, boolean][] = [[file, isClientModule(sourceOf(file))]];
    while (queue.length) {
      const [at, client] = queue.shift()!;
      const id = `${client}:${at}`;
      if (seen.has(id)) continue;
      seen.add(id);
      if (client) found.push(...moduleNeeds(at));
      for (const to of next.get(at) ?? []) queue.push([to, client || isClientModule(sourceOf(to))]);
    }
    needs.set(file, found);
    const p = providedNamespaces(sourceOf(file));
    provided.set(file, p.namespaces);
    problems.push(...p.problems);
  }
  return { needs, provided, problems, routes };
}

/**
 * What each route file's client modules need and its provider chain does not provide, as
 * "route: namespace (file:line)". `shell`: what the root layout provides to every page.
 */
export function missingNamespaces(analysis: Analysis, shell: readonly string[]): string[] {
  const missing = new Map<string, string>();
  for (const { file, chain } of analysis.routes) {
    const provided = [...shell, ...chain.flatMap((f) => analysis.provided.get(f) ?? [])];
    for (const n of analysis.needs.get(file) ?? []) {
      // Each namespace once per route, where it is first used.
      const id = `${file}: ${n.namespace}`;
      if (!covered(n.namespace, provided) && !missing.has(id)) missing.set(id, `${id} (${n.file}:${n.line})`);
    }
  }
  return [...missing.values()];
}

/** Namespaces a page provides that none of its client modules uses: sent to the browser for nothing. */
export function unusedNamespaces(analysis: Analysis): string[] {
  const unused: string[] = [];
  for (const { file } of analysis.routes) {
    if (!/\/page\.tsx?$/.test(file)) continue;
    const needs = (analysis.needs.get(file) ?? []).map((n) => n.namespace);
    for (const p of analysis.provided.get(file) ?? []) {
      if (!needs.some((n) => n === p || n.startsWith(`${p}.`) || p.startsWith(`${n}.`))) unused.push(`${file}: ${p}`);
    }
  }
  return unused;
}
