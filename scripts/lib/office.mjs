// LibreOffice Calc and python3-openpyxl for the import's round-trip tests (a template filled by
// openpyxl and saved again by LibreOffice headless): Debian packages, installed with apt when
// missing, as Chromium is for the browser tests. Without them those tests are skipped, saying why,
// so a machine where apt can't reach a mirror still runs everything else.
import { execFileSync } from 'node:child_process';
import { commandExists, installAptPackages } from './apt.mjs';
import { CommandError } from './process.mjs';

/** Whether a python3 the tests try (Debian's first: pyenv or a venv may shadow it) imports openpyxl. */
function hasOpenpyxl() {
  return ['/usr/bin/python3', 'python3'].some((python) => {
    try {
      execFileSync(python, ['-c', 'import openpyxl'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
}

/** The apt packages that are missing, in install order. */
export function missingOfficePackages() {
  const missing = [];
  if (!commandExists('soffice') && !commandExists('libreoffice')) missing.push('libreoffice-calc');
  if (!hasOpenpyxl()) missing.push('python3-openpyxl');
  return missing;
}

/** Installs what is missing; a failed install is reported and the tests that need it skip. */
export async function ensureOfficeTools() {
  const packages = missingOfficePackages();
  try {
    return await installAptPackages(packages, 'the import round-trip tests');
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    console.warn(`${error.message.split('\n')[0]}\nThe import round-trip tests that need ${packages.join(' and ')} are skipped.`);
    return false;
  }
}
