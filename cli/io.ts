// Files for the CLI (Node only): reading bytes and JSON (with positions in its errors), and
// writing output that appears only when complete. Values files are decoded by core/decode.
import fs from 'node:fs';
import path from 'node:path';
import { decodeText } from '@/core/decode';
import { problemText } from './english';

/** Bad input (a missing or unreadable file, invalid content): exit code 2. */
export class CliInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliInputError';
  }
}

export function readBytes(file: string): Uint8Array {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliInputError(`${file}: no such file`);
    if (code === 'EISDIR') throw new CliInputError(`${file}: is a directory, not a file`);
    if (code === 'EACCES') throw new CliInputError(`${file}: permission denied`);
    throw new CliInputError(`${file}: cannot be read (${(error as Error).message})`);
  }
}

/** JSON.parse with the error placed at a line and column. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    let place = '';
    if (position) {
      const offset = Number(position[1]);
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      const column = offset - before.lastIndexOf('\n');
      place = `line ${line}, column ${column}: `;
    } else if (text.trim() === '') {
      throw new CliInputError(`${file}: the file is empty; expected a JSON document`);
    } else if (/end of (JSON )?input/i.test(message)) {
      const lines = text.split('\n');
      place = `line ${lines.length}, column ${lines[lines.length - 1]!.length + 1}: `;
    }
    const reason = message.replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '');
    throw new CliInputError(`${file}: ${place}not valid JSON (${reason})`);
  }
}

export function readJsonFile(file: string): unknown {
  const decoded = decodeText(readBytes(file));
  if (!decoded.ok) throw new CliInputError(`${file}: ${problemText(decoded.problem)}`);
  return parseJsonText(decoded.text, file);
}

/** writeSync may write less than it was given (e.g. a full disk's last bytes): write the rest. */
function writeAll(fd: number, chunk: string | Uint8Array): void {
  const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
  for (let at = 0; at < bytes.length; ) at += fs.writeSync(fd, bytes, at);
}

/** Writes output either to stdout or, given a target, to a file that appears only when complete. */
export class OutputSink {
  private fd: number | null = null;
  private readonly temporary: string | null;
  private readonly decoder = new TextDecoder();

  constructor(
    private readonly stdout: (text: string) => void,
    private readonly target: string | undefined,
  ) {
    this.temporary = target ? path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`) : null;
    if (this.temporary) {
      try {
        this.fd = fs.openSync(this.temporary, 'w');
      } catch (error) {
        throw new CliInputError(`cannot write ${target}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'its folder does not exist' : (error as Error).message}`);
      }
    }
  }

  /** Text, or UTF-8 bytes that end at the end of a character (used only during the call). */
  write(chunk: string | Uint8Array): void {
    if (this.fd !== null) writeAll(this.fd, chunk);
    else this.stdout(typeof chunk === 'string' ? chunk : this.decoder.decode(chunk));
  }

  close(): void {
    if (this.fd === null || !this.temporary || !this.target) return;
    fs.closeSync(this.fd);
    this.fd = null;
    fs.renameSync(this.temporary, this.target);
  }

  abandon(): void {
    if (this.fd === null || !this.temporary) return;
    fs.closeSync(this.fd);
    this.fd = null;
    fs.rmSync(this.temporary, { force: true });
  }
}
