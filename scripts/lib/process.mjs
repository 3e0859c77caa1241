// Running child processes for the project scripts. Plain Node (node: builtins only) because these
// run before dependencies are installed.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (these scripts live in scripts/lib). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Path of an installed package binary, so we skip npx's resolution and its prompts. */
export function bin(name) {
  return path.join(ROOT, 'node_modules', '.bin', name);
}

/** A command that did not succeed; `message` says what to do about it. */
export class CommandError extends Error {
  constructor(message, exitCode = 1) {
    super(message);
    this.name = 'CommandError';
    this.exitCode = exitCode;
  }
}

/** The conventional shell exit status for a child ended by a signal (128 + signal number). */
export function exitStatus({ code, signal }) {
  if (code !== null && code !== undefined) return code;
  const numbers = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 };
  return 128 + (numbers[signal] ?? 1);
}

/**
 * Runs a command to completion with the given stdio (inherited by default) and resolves with
 * `{ code, signal }`; a command that cannot be started resolves with code 127 like a shell does.
 */
export function run(command, args = [], { env = process.env, stdio = 'inherit', cwd = ROOT } = {}) {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(command, args, { cwd, env, stdio });
    } catch (error) {
      console.error(`Could not start ${command}: ${error.message}`);
      resolve({ code: 127, signal: null });
      return;
    }
    let stdout = '';
    if (child.stdout) child.stdout.on('data', (chunk) => (stdout += chunk));
    const stopForwarding = forwardSignals(child);
    child.on('error', (error) => {
      stopForwarding();
      console.error(`Could not start ${command}: ${error.message}`);
      resolve({ code: 127, signal: null, stdout });
    });
    child.on('close', (code, signal) => {
      stopForwarding();
      resolve({ code, signal, stdout });
    });
  });
}

/** Runs a command and throws a CommandError naming `what` when it fails. */
export async function runOrFail(what, command, args = [], options = {}) {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    const how = result.signal ? `was stopped by ${result.signal}` : `exited with status ${result.code}`;
    throw new CommandError(`${what} failed: \`${[path.basename(command), ...args].join(' ')}\` ${how}.`, exitStatus(result));
  }
  return result;
}

/**
 * Passes SIGINT/SIGTERM/SIGHUP on to a child instead of dying first, so the child shuts down
 * cleanly and we exit with its status. Returns a function that stops forwarding.
 */
export function forwardSignals(child) {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of signals) process.on(signal, forward);
  return () => {
    for (const signal of signals) process.off(signal, forward);
  };
}

/** Seconds as "12.3 s" or "4 min 05 s". */
export function formatDuration(ms) {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${String(Math.round(seconds - minutes * 60)).padStart(2, '0')} s`;
}
