// Debian Chromium and CJK fonts for the browser tests (Playwright drives the system Chromium;
// its own browser downloads are never used). Installed with apt when missing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { CommandError, runOrFail } from './process.mjs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function commandExists(name) {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Whether fontconfig knows a Noto Sans CJK face (without it Chinese pages render as boxes). */
function hasCjkFont() {
  try {
    return /noto sans cjk/i.test(execFileSync('fc-list', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  } catch {
    return false; // no fontconfig at all: the font package is needed too
  }
}

/** The apt packages that are missing, in install order. */
export function missingBrowserPackages() {
  const missing = [];
  const noChromium = !fs.existsSync(CHROMIUM_PATH);
  if (noChromium) missing.push('chromium');
  // With a fresh Chromium, install the fonts in the same go rather than probe fontconfig first.
  if (noChromium || !hasCjkFont()) missing.push('fonts-noto-cjk');
  return missing;
}

/** Installs missing packages as root, or through passwordless sudo; otherwise says what to run. */
export async function ensureChromium() {
  const packages = missingBrowserPackages();
  if (packages.length === 0) return false;
  const manual = `apt-get update && apt-get install -y ${packages.join(' ')}`;
  if (!commandExists('apt-get')) {
    throw new CommandError(`The browser tests need ${packages.join(' and ')} (Debian packages) at ${CHROMIUM_PATH}, and apt-get is not available here. Install them, or set CHROMIUM_PATH to a Chromium binary.`);
  }
  let sudo = [];
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    if (!commandExists('sudo')) throw new CommandError(`The browser tests need ${packages.join(' and ')}. Run as root: ${manual}`);
    try {
      execFileSync('sudo', ['-n', 'true'], { stdio: 'ignore' });
    } catch {
      throw new CommandError(`The browser tests need ${packages.join(' and ')}, and sudo needs a password. Run: sudo sh -c '${manual}'`);
    }
    sudo = ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive']; // sudo drops most of the environment
  }
  console.log(`Installing ${packages.join(', ')} for the browser tests…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const [command, ...prefix] = [...sudo, 'apt-get'];
  await runOrFail('apt-get update', command, [...prefix, 'update'], { env });
  await runOrFail(`Installing ${packages.join(' ')}`, command, [...prefix, 'install', '-y', ...packages], { env });
  if (!fs.existsSync(CHROMIUM_PATH)) throw new CommandError(`Chromium was installed but ${CHROMIUM_PATH} does not exist; set CHROMIUM_PATH to its binary.`);
  return true;
}
