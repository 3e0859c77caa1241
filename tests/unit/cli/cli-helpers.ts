import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '@/cli/run';

export const FIXTURES = path.resolve('tests/fixtures/scoring');
export const KPI_SET = path.join(FIXTURES, 'market-2025.kpi-set.json');
export const VALUES_CSV = path.join(FIXTURES, 'market-2025.values.csv');
export const VALUES_GB18030 = path.join(FIXTURES, 'market-2025.values.gb18030.csv');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process and captures what it prints. */
export async function cli(...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

export function temporaryDirectory(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}
