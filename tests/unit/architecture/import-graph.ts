// The project's import graph and its cycles, for the cycle check that replaces the linter's
// import/no-cycle (which re-walked the graph from every file and cost most of the lint time).
// Same edges as that rule: static imports, `export … from` and `import()` of the project's own
// files; type-only imports and packages are left out, as the rule left them out.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const SOURCE = /\.(?:[cm]?[jt]sx?)$/;

export type ImportEdge = { from: string; to: string; line: number };

/** The compiler options of tsconfig.json (for the `@/*` paths and the resolution mode), reading .js/.mjs too. */
export function compilerOptions(root: string): ts.CompilerOptions {
  const file = path.join(root, 'tsconfig.json');
  const { config, error } = ts.readConfigFile(file, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions ?? {}, root, file);
  // `paths` without `baseUrl` are relative to the tsconfig (set like this by tsc's own config parser).
  return { ...options, allowJs: true, pathsBasePath: root };
}

/**
 * Every source file under `root` (relative, with `/`) that the linter would lint: `ignored` is
 * asked about each file, and about a folder through a file inside it (ignores are `folder/**`).
 */
export async function sourceFiles(root: string, ignored: (relative: string) => Promise<boolean>): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.name === 'node_modules' || entry.name === '.git') continue;
      if (entry.isDirectory()) {
        if (!(await ignored(`${rel}/index.ts`))) await walk(rel);
      } else if (entry.isFile() && SOURCE.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name) && !(await ignored(rel))) {
        out.push(rel);
      }
    }
  };
  await walk('');
  return out.sort();
}

/** True when the declaration brings in types only (`import type`, `import { type A }`, `export type … from`). */
function typeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) {
    if (node.isTypeOnly) return true;
    const clause = node.exportClause;
    return !!clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
  }
  const clause = node.importClause;
  if (!clause) return false; // `import './x'` runs the module
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return !clause.name && !!bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

/** The module specifiers a file loads at run time, with their line numbers. */
export function runtimeImports(fileName: string, text: string): { specifier: string; line: number }[] {
  const kind = /x$/.test(fileName) ? ts.ScriptKind.TSX : /\.[cm]?js$/.test(fileName) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const found: { specifier: string; line: number }[] = [];
  const add = (literal: ts.Node) => {
    if (ts.isStringLiteralLike(literal)) found.push({ specifier: literal.text, line: source.getLineAndCharacterOfPosition(literal.getStart()).line + 1 });
  };
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (!typeOnly(node)) add(node.moduleSpecifier);
      return;
    }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0]) add(node.arguments[0]);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The edges between the project's own files (packages and unresolved specifiers are dropped). */
export function importEdges(root: string, files: string[], options: ts.CompilerOptions = compilerOptions(root)): ImportEdge[] {
  const known = new Set(files);
  const host = ts.createCompilerHost(options);
  const cache = ts.createModuleResolutionCache(root, (f) => f, options);
  const edges: ImportEdge[] = [];
  for (const from of files) {
    const absolute = path.join(root, from);
    for (const { specifier, line } of runtimeImports(from, fs.readFileSync(absolute, 'utf8'))) {
      // Only relative paths and the `@/` alias name our own files; resolving packages is slow.
      if (!specifier.startsWith('.') && !specifier.startsWith('@/')) continue;
      const resolved = ts.resolveModuleName(specifier, absolute, options, host, cache).resolvedModule;
      if (!resolved || resolved.isExternalLibraryImport) continue;
      const to = path.relative(root, resolved.resolvedFileName).split(path.sep).join('/');
      if (known.has(to) && to !== from) edges.push({ from, to, line });
    }
  }
  return edges;
}

/**
 * The cycles of the graph, one per strongly connected component of two or more files, each as
 * a path a → b → … → a (the shortest one back to its first file, so the message is short).
 */
export function findCycles(edges: ImportEdge[]): ImportEdge[][] {
  const next = new Map<string, ImportEdge[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e]);
  // Tarjan's algorithm, iterative so a deep graph cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const start of [...next.keys()].sort()) {
    if (index.has(start)) continue;
    const work: [string, number][] = [[start, 0]];
    while (work.length) {
      const frame = work[work.length - 1]!;
      const [node, i] = frame;
      if (i === 0) {
        index.set(node, counter);
        low.set(node, counter++);
        stack.push(node);
        onStack.add(node);
      }
      const out = next.get(node) ?? [];
      if (i < out.length) {
        frame[1]++;
        const to = out[i]!.to;
        if (!index.has(to)) work.push([to, 0]);
        else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]![0];
        low.set(parent, Math.min(low.get(parent)!, low.get(node)!));
      }
      if (low.get(node) === index.get(node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== node);
        if (component.length > 1) components.push(component.sort());
      }
    }
  }
  return components.map((component) => shortestLoop(component[0]!, new Set(component), next));
}

/** Breadth-first from `start` inside its component back to `start`. */
function shortestLoop(start: string, members: Set<string>, next: Map<string, ImportEdge[]>): ImportEdge[] {
  const via = new Map<string, ImportEdge>();
  const queue = [start];
  while (queue.length) {
    const node = queue.shift()!;
    for (const edge of next.get(node) ?? []) {
      if (!members.has(edge.to)) continue;
      if (edge.to === start) {
        const loop = [edge];
        for (let at = node; at !== start; at = via.get(at)!.from) loop.unshift(via.get(at)!);
        return loop;
      }
      if (!via.has(edge.to)) {
        via.set(edge.to, edge);
        queue.push(edge.to);
      }
    }
  }
  throw new Error(`${start} is in a cycle but no path leads back to it`);
}

/** "a.ts:3 → b.ts:7 → a.ts": where each step imports the next. */
export function describeCycle(cycle: ImportEdge[]): string {
  return [...cycle.map((e) => `${e.from}:${e.line}`), cycle[0]!.from].join(' → ');
}
