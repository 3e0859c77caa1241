// How a CLI command ends: an exit code — 0 success, 1 usage error, 2 invalid input, 3 a bug (never
// expected) — with results on stdout, messages on stderr and never a stack trace.
import { UsageError } from './args';
import { CliInputError } from './io';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const EXIT_OK = 0;
export const EXIT_USAGE = 1;
export const EXIT_INVALID_INPUT = 2;
export const EXIT_INTERNAL = 3;

/** Runs a command and turns what it throws into a message and an exit code; `usage` follows a usage error. */
export async function exitCodeOf(io: CliIo, usage: string, command: () => Promise<number>): Promise<number> {
  try {
    return await command();
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`error: ${error.message}\n\n${usage}`);
      return EXIT_USAGE;
    }
    if (error instanceof CliInputError) {
      io.stderr(`${error.message}\n`);
      return EXIT_INVALID_INPUT;
    }
    io.stderr(`internal error: ${error instanceof Error ? error.message : String(error)}\nThis is a bug in the scorecard CLI; please report it with the command you ran.\n`);
    return EXIT_INTERNAL;
  }
}
