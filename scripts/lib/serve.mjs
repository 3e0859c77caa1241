// Waiting for the server to answer, and the welcome box with the URL and the demo logins.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, bin } from './process.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls http://127.0.0.1:<port><healthPath> until it answers 200. After `anyResponseAfterMs` any
 * HTTP response counts (a server that answers is up even if the health route misbehaves).
 * Resolves false if `child` exits first.
 */
export async function waitUntilServing(port, child, { healthPath = '/api/health', anyResponseAfterMs = 60_000 } = {}) {
  const url = `http://127.0.0.1:${port}${healthPath}`;
  const started = Date.now();
  let exited = child.exitCode !== null || child.signalCode !== null;
  child.once('exit', () => (exited = true));
  while (!exited) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000), redirect: 'manual' });
      await response.body?.cancel();
      if (response.status === 200 || Date.now() - started >= anyResponseAfterMs) return true;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  return false;
}

const DEMO_USERS_FILE = path.join(ROOT, 'core', 'domain', 'demo-users.ts');

/**
 * DEMO_USERS from core/domain/demo-users.ts, loaded through tsx (it is TypeScript). Resolves
 * `{ users }`, `{ users: null }` when the file does not exist, or `{ error }`.
 */
export function loadDemoUsers() {
  if (!fs.existsSync(DEMO_USERS_FILE)) return Promise.resolve({ users: null });
  // Handles both ESM (`DEMO_USERS`) and CJS-interop (`default.DEMO_USERS`) module shapes.
  const code = `import(${JSON.stringify(pathToFileURL(DEMO_USERS_FILE).href)}).then((m) => {
    process.stdout.write(JSON.stringify(m.DEMO_USERS ?? m.default?.DEMO_USERS ?? null));
  })`;
  return new Promise((resolve) => {
    execFile(bin('tsx'), ['-e', code], { cwd: ROOT, timeout: 60_000, maxBuffer: 4 << 20 }, (error, stdout, stderr) => {
      if (error) {
        resolve({ error: (stderr || error.message).trim().split('\n').slice(0, 5).join('\n') });
        return;
      }
      try {
        const users = JSON.parse(stdout);
        const valid = Array.isArray(users) && users.every((u) => u && typeof u.username === 'string' && typeof u.password === 'string' && typeof u.role === 'string');
        resolve(valid ? { users } : { error: 'DEMO_USERS is not a list of { username, password, role }' });
      } catch (parseError) {
        resolve({ error: `unreadable output: ${parseError.message}` });
      }
    });
  });
}

/** Terminal columns a string occupies: CJK and fullwidth characters take two, combining marks none. */
export function displayWidth(text) {
  let width = 0;
  for (const char of text) {
    const cp = char.codePointAt(0);
    if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)) continue;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0x303e) ||
      (cp >= 0x3041 && cp <= 0x33ff) ||
      (cp >= 0x3400 && cp <= 0x4dbf) ||
      (cp >= 0x4e00 && cp <= 0x9fff) ||
      (cp >= 0xa000 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x1f300 && cp <= 0x1faff) ||
      (cp >= 0x20000 && cp <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

const padEnd = (text, width) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

/** Chinese descriptions for a Chinese terminal locale, English otherwise. */
function terminalLanguage() {
  const locale = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  return locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/**
 * Breaks text into lines of at most `width` columns, at spaces where possible (CJK text, which has
 * none, breaks between characters).
 */
export function wrapText(text, width) {
  const lines = [];
  let line = '';
  let lastSpace = -1; // index in `line` of the last space, for a word break
  for (const char of text) {
    if (displayWidth(line + char) > width && line.length > 0) {
      if (char === ' ') {
        lines.push(line.trimEnd());
        line = '';
        lastSpace = -1;
        continue;
      }
      if (lastSpace > 0) {
        lines.push(line.slice(0, lastSpace).trimEnd());
        line = line.slice(lastSpace + 1);
      } else {
        lines.push(line);
        line = '';
      }
      lastSpace = -1;
      for (let i = 0; i < line.length; i++) if (line[i] === ' ') lastSpace = i;
    }
    if (char === ' ') lastSpace = line.length;
    line += char;
  }
  if (line.trim() || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

/**
 * The lines of a table (header, rule, rows) with columns padded to their widest cell; the last
 * column wraps so that a line fits in `maxWidth` columns.
 */
function table(header, rows, maxWidth) {
  const gap = '   ';
  const last = header.length - 1;
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => displayWidth(row[i] ?? ''))));
  const leading = widths.slice(0, last).reduce((sum, w) => sum + w + gap.length, 0);
  widths[last] = Math.max(16, Math.min(widths[last] ?? 0, maxWidth - leading));
  const lines = [];
  const add = (row) => {
    const wrapped = wrapText(row[last] ?? '', widths[last]);
    wrapped.forEach((part, n) => {
      const cells = row.slice(0, last).map((cell, i) => padEnd(n === 0 ? cell : '', widths[i] ?? 0));
      lines.push([...cells, part].join(gap).trimEnd());
    });
  };
  add(header);
  lines.push(widths.map((w) => '─'.repeat(w)).join(gap));
  rows.forEach(add);
  return lines;
}

/** Columns available for the box: the terminal's width, or a common default when not a terminal. */
function terminalColumns() {
  return process.stdout.isTTY && process.stdout.columns ? process.stdout.columns : 100;
}

/** A framed message: the URL, then the demo logins (or why they are not shown). */
export function welcomeBox({ url, mode, demo, columns = terminalColumns() }) {
  const indent = '  ';
  // "│ " + content + " │" must fit in the terminal.
  const contentWidth = Math.max(40, columns - 4);
  const lines = [`County Scorecard is running${mode === 'dev' ? ' (development mode)' : ''}:`, '', `    ${url}`, ''];
  if (demo.users && demo.users.length > 0) {
    const language = terminalLanguage();
    lines.push('Demo logins: DEMO ONLY, fictional data; never use them for real.', '');
    const rows = demo.users.map((u) => [u.username, u.password, u.role, u.description?.[language] ?? u.description?.en ?? '']);
    for (const row of table(['Username', 'Password', 'Role', 'Who'], rows, contentWidth - indent.length)) lines.push(`${indent}${row}`);
  } else if (demo.error) {
    lines.push('Demo logins could not be read from core/domain/demo-users.ts:', ...demo.error.split('\n'));
  } else {
    lines.push('No demo logins defined (core/domain/demo-users.ts is missing).');
  }
  lines.push('', 'Press Ctrl+C to stop.');
  const body = lines.flatMap((line) => wrapText(line, contentWidth));
  const inner = Math.max(...body.map(displayWidth));
  return [`┌${'─'.repeat(inner + 2)}┐`, ...body.map((l) => `│ ${padEnd(l, inner)} │`), `└${'─'.repeat(inner + 2)}┘`].join('\n');
}
