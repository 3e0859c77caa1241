// Debian Chromium and CJK fonts for the browser tests (Playwright drives the system Chromium;
// its own browser downloads are never used), and poppler's pdfinfo/pdftotext, with which they read
// the PDFs the app makes. Installed with apt when missing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { installAptPackages } from './apt.mjs';
import { CommandError } from './process.mjs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

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
  if (!fs.existsSync('/usr/bin/pdftotext')) missing.push('poppler-utils');
  return missing;
}

/** Installs what is missing for the browser tests. */
export async function ensureChromium() {
  const packages = missingBrowserPackages();
  if (!(await installAptPackages(packages, 'the browser tests'))) return false;
  if (!fs.existsSync(CHROMIUM_PATH)) throw new CommandError(`Chromium was installed but ${CHROMIUM_PATH} does not exist; set CHROMIUM_PATH to its binary.`);
  return true;
}
