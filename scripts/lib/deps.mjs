// Installing dependencies when they are missing or older than package-lock.json.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, runOrFail } from './process.mjs';

const LOCKFILE = path.join(ROOT, 'package-lock.json');
const NODE_MODULES = path.join(ROOT, 'node_modules');
// npm's record of what it last installed into node_modules ("hidden lockfile").
const INSTALLED_LOCKFILE = path.join(NODE_MODULES, '.package-lock.json');

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * Whether node_modules holds exactly what package-lock.json pins. Checked only when the lockfile
 * is newer than the last install, so a checkout that merely touched the file does not trigger a
 * full reinstall. Optional packages may be absent (platform-specific builds are skipped by npm).
 */
function installedMatchesLockfile() {
  try {
    const wanted = readJson(LOCKFILE).packages ?? {};
    const installed = readJson(INSTALLED_LOCKFILE).packages ?? {};
    for (const [key, entry] of Object.entries(wanted)) {
      if (key === '') continue; // the project itself
      const have = installed[key];
      if (!have) {
        if (entry.optional || entry.devOptional || entry.peer) continue;
        return false;
      }
      if (have.version !== entry.version) return false;
      if (entry.integrity && have.integrity !== entry.integrity) return false;
      if (entry.resolved && have.resolved !== entry.resolved) return false;
    }
    return Object.keys(installed).every((key) => key in wanted);
  } catch {
    return false;
  }
}

/** Why dependencies must be installed, or null when node_modules is current. */
export function dependencyInstallReason() {
  if (!fs.existsSync(NODE_MODULES)) return 'node_modules is missing';
  if (!fs.existsSync(LOCKFILE)) return null; // nothing to compare with; trust what is there
  if (!fs.existsSync(INSTALLED_LOCKFILE)) return 'node_modules was not installed by npm or is incomplete';
  const lockTime = fs.statSync(LOCKFILE).mtimeMs;
  const installTime = fs.statSync(INSTALLED_LOCKFILE).mtimeMs;
  if (lockTime > installTime && !installedMatchesLockfile()) return 'package-lock.json changed since the last install';
  return null;
}

/**
 * Runs `npm install` when needed (it installs the lockfile's versions and keeps a working
 * node_modules where it can, which suits `npm start` on a developer's machine; CI runs `npm ci`
 * in .ci/run). Throws CommandError on failure.
 */
export async function ensureDependencies() {
  const reason = dependencyInstallReason();
  if (!reason) return false;
  const args = ['install'];
  // Dev tools (tsx, TypeScript for next build, the test runners) are needed to start, so
  // include them even when NODE_ENV=production or the user's npm config omits dev dependencies.
  args.push('--include=dev', '--no-audit', '--no-fund');
  console.log(`Installing dependencies (${reason}): npm ${args.join(' ')}`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  await runOrFail('Installing dependencies', npm, args);
  return true;
}
