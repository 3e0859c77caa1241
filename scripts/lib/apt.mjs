// Debian packages a step needs (the browser for the tests, hyperfine and pandas for the bench):
// installed with apt when missing, as root or through passwordless sudo; otherwise says what to run.
import { execFileSync } from 'node:child_process';
import { CommandError, runOrFail } from './process.mjs';

export function commandExists(name) {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Installs `packages` (already known to be missing) for `purpose`, e.g. "the browser tests". */
export async function installAptPackages(packages, purpose) {
  if (packages.length === 0) return false;
  const manual = `apt-get update && apt-get install -y ${packages.join(' ')}`;
  if (!commandExists('apt-get')) {
    throw new CommandError(`${purpose} need ${packages.join(' and ')} (Debian packages), and apt-get is not available here. Install them first.`);
  }
  let sudo = [];
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    if (!commandExists('sudo')) throw new CommandError(`${purpose} need ${packages.join(' and ')}. Run as root: ${manual}`);
    try {
      execFileSync('sudo', ['-n', 'true'], { stdio: 'ignore' });
    } catch {
      throw new CommandError(`${purpose} need ${packages.join(' and ')}, and sudo needs a password. Run: sudo sh -c '${manual}'`);
    }
    sudo = ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive']; // sudo drops most of the environment
  }
  console.log(`Installing ${packages.join(', ')} for ${purpose}…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const [command, ...prefix] = [...sudo, 'apt-get'];
  await runOrFail('apt-get update', command, [...prefix, 'update'], { env });
  await runOrFail(`Installing ${packages.join(' ')}`, command, [...prefix, 'install', '-y', ...packages], { env });
  return true;
}
