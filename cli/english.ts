// The CLI speaks English from the app's own catalogs (messages/en): problems travel as codes with
// parameters, as they do to the web, and are put into words here.
import evaluations from '@/messages/en/evaluations.json';
import validation from '@/messages/en/validation.json';
import type { Located, ProblemParams } from '@/core/decode';

const CATALOG: Record<string, unknown> = { evaluations, validation };

/** The English text of a catalog key (e.g. `validation.required`), or null when there is none. */
export function english(key: string, params: ProblemParams = {}): string | null {
  let node: unknown = CATALOG;
  for (const part of key.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string' ? render(node, params) : null;
}

/** A values-file or import problem in English (`evaluations.import.problems.<code>`). */
export function problemText(problem: Located<string>): string {
  return english(`evaluations.import.problems.${problem.code}`, problem.params) ?? problem.code;
}

/** A problem as one line: `file.csv, row 5, column "hires" (C): reason`. */
export function formatProblem(source: string, problem: Located<string>): string {
  const place = [source, problem.row !== undefined ? `row ${problem.row}` : '', problem.column ? `column ${problem.column}` : ''].filter(Boolean).join(', ');
  return `${place}: ${problemText(problem)}`;
}

// The part of ICU MessageFormat the catalogs use: {name}, {n, plural, one {…} other {…}} with #,
// and {name, select, key {…} other {…}}. Numbers print plainly (no grouping), as a terminal wants.
function render(message: string, params: ProblemParams): string {
  let out = '';
  for (let i = 0; i < message.length; ) {
    if (message[i] !== '{') {
      out += message[i++];
      continue;
    }
    const end = closingBrace(message, i);
    out += argument(message.slice(i + 1, end), params);
    i = end + 1;
  }
  return out;
}

function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return text.length;
}

function argument(body: string, params: ProblemParams): string {
  const [name = '', kind] = body.split(',', 2).map((part) => part.trim());
  const value = params[name];
  if (kind === undefined) return value === undefined ? `{${name}}` : String(value);
  const rest = body.slice(body.indexOf(',', body.indexOf(',') + 1) + 1);
  const branches = new Map<string, string>();
  for (let i = 0; i < rest.length; ) {
    const open = rest.indexOf('{', i);
    if (open < 0) break;
    const end = closingBrace(rest, open);
    branches.set(rest.slice(i, open).trim(), rest.slice(open + 1, end));
    i = end + 1;
  }
  if (kind === 'plural') {
    const n = Number(value);
    const branch = branches.get(`=${n}`) ?? (n === 1 ? branches.get('one') : undefined) ?? branches.get('other') ?? '';
    return render(branch.replaceAll('#', String(n)), params);
  }
  return render(branches.get(String(value)) ?? branches.get('other') ?? '', params);
}
