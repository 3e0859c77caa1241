// The benchmark's results: one table on the terminal, bench/out/results.json (every figure) and
// bench/out/results.md (the table for the README), each goal marked met or not.
import fs from 'node:fs';
import path from 'node:path';
import type { JobFigure } from './jobs';
import { INTERACTIVE_GOAL_MS, pageLoadProblems, SLOW_LINK, type PageLoadFigure } from './page-load';
import { ROBUSTNESS_GOAL_SECONDS, type RobustnessFigure } from './robustness';
import type { ScoringFigures } from './scoring';
import type { LoadFigure, RequestFigure } from './web';
import { MAX_RESPONSE_BYTES } from './web';

export interface Results {
  startedAt: string;
  machine: { cpus: number; loadAverage: number[]; busiest: string[] };
  stakeholders: number;
  seedSeconds: Record<string, number | null>;
  requests: Record<string, RequestFigure[]>;
  /** First visits over the slow link. */
  pageLoads: Record<string, PageLoadFigure[]>;
  load: Record<string, LoadFigure[]>;
  jobs: JobFigure[];
  maxRssMb: Record<string, number>;
  scoring: ScoringFigures | null;
  robustness: RobustnessFigure | null;
  failures: string[];
}

const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : '–');
const kb = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(2)} MB` : `${(bytes / 1e3).toFixed(1)} KB`);
const mark = (ok: boolean) => (ok ? 'met' : '**NOT met**');

/** The whole report as Markdown lines (printed as is: Markdown tables read fine in a terminal). */
export function reportLines(results: Results): string[] {
  const lines: string[] = [];
  const big = `province-${results.stakeholders}`;
  lines.push(`# Benchmark ${results.startedAt}`, '');
  lines.push(`${results.machine.cpus} CPUs, load average at the start ${results.machine.loadAverage.map((x) => x.toFixed(2)).join(' ')}; busiest other processes: ${results.machine.busiest.join('; ') || 'none'}`, '');
  const seeds = Object.entries(results.seedSeconds).map(([label, s]) => `${label} ${s === null ? 'reused' : `${s.toFixed(0)} s`}`);
  if (seeds.length) lines.push(`Seeding: ${seeds.join(', ')} (goal: 100,000 stakeholders ≤ 180 s)`, '');

  const demo = new Map((results.requests.demo ?? []).map((f) => [`${f.role} ${f.name}`, f]));
  const large = results.requests[big] ?? [];
  if (large.length) {
    // The goal at 100,000 is 300 ms; the larger province (1,000,000) is held to 1 s.
    const limitMs = results.stakeholders > 100_000 ? 1000 : 300;
    lines.push(`## Requests, one user, server time to the last byte (${results.stakeholders.toLocaleString('en')} stakeholders vs demo; goals p95 ≤ ${limitMs} ms, ≤ 3× demo, ≤ 1 MB)`, '');
    lines.push('| role | page or query | status | p50 | p95 | demo p95 | × demo | size | checks |', '|---|---|---|---|---|---|---|---|---|');
    for (const f of large) {
      const d = demo.get(`${f.role} ${f.name}`);
      const ratio = d ? f.p95 / Math.max(d.p95, 1) : NaN;
      const problems = [
        f.p95 > limitMs ? `p95 > ${limitMs} ms` : '',
        ratio > 3 ? '> 3× demo' : '',
        f.bytes > MAX_RESPONSE_BYTES ? '> 1 MB' : '',
        f.status >= 400 ? `HTTP ${f.status}` : '',
      ].filter(Boolean);
      lines.push(`| ${f.role} | ${f.name.slice(0, 60)} | ${f.status} | ${ms(f.p50)} | ${ms(f.p95)} | ${d ? ms(d.p95) : '–'} | ${Number.isFinite(ratio) ? ratio.toFixed(1) : '–'} | ${kb(f.bytes)} | ${problems.join(', ') || 'ok'} |`);
    }
    lines.push('');
  }

  for (const [label, figures] of Object.entries(results.pageLoads)) {
    if (!figures.length) continue;
    const link = `${(SLOW_LINK.downloadThroughput * 8) / 1000} kbps / ${SLOW_LINK.latency} ms`;
    lines.push(`## First visit over a ${link} link, cache empty (${label}; goals interactive ≤ ${INTERACTIVE_GOAL_MS / 1000} s, charts with first paint)`, '');
    lines.push('| role | page | status | js | css | html/rsc | font | image | other | first paint | interactive | charts | goal |', '|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const f of figures) {
      const problems = pageLoadProblems(f);
      const goal = f.role === 'floor' ? 'reference' : problems.length ? `**NOT met**: ${problems.join(', ')}` : 'met';
      const charts = f.charts === 0 ? '–' : `${ms(f.chartsMs ?? NaN)} (${f.charts})`;
      const b = f.bytes;
      lines.push(`| ${f.role} | ${f.name.slice(0, 60)} | ${f.status} | ${kb(b.js)} | ${kb(b.css)} | ${kb(b['html/rsc'])} | ${kb(b.font)} | ${kb(b.image)} | ${kb(b.other)} | ${ms(f.firstPaintMs ?? NaN)} | ${ms(f.interactiveMs ?? NaN)} | ${charts} | ${goal} |`);
    }
    lines.push('', "The `floor` row is the not-found page: React, Next's runtime and the root layout only, the least any page costs on this link (a reference, not held to the goal).", '');
  }

  const loadDemo = results.load.demo ?? [];
  const loadBig = results.load[big] ?? [];
  if (loadBig.length) {
    const rounds = loadBig[0]?.rounds ?? 1;
    const how = rounds > 1 ? `, median of ${rounds} rounds alternating the databases (errors summed)` : '';
    lines.push(`## Stakeholder scorecard, 50 connections for 20 s (autocannon${how})`, '');
    lines.push('| target | req/s demo | req/s large | large / demo | p97.5 large | errors | non-2xx | goal ≥ 70 %, no errors |', '|---|---|---|---|---|---|---|---|');
    for (const f of loadBig) {
      const d = loadDemo.find((x) => x.target === f.target);
      const ratio = d ? f.requestsPerSecond / d.requestsPerSecond : NaN;
      lines.push(`| ${f.target} | ${d ? d.requestsPerSecond.toFixed(0) : '–'} | ${f.requestsPerSecond.toFixed(0)} | ${Number.isFinite(ratio) ? `${(ratio * 100).toFixed(0)} %` : '–'} | ${ms(f.p975Ms)} | ${f.errors} | ${f.non2xx} | ${mark(ratio >= 0.7 && f.errors === 0 && f.non2xx === 0)} |`);
    }
    lines.push('');
  }

  if (results.jobs.length) {
    lines.push('## Long work while another user reads scorecards', '');
    lines.push('| job | size | time | status | reads meanwhile | read p95 | goal |', '|---|---|---|---|---|---|---|');
    // The check has no time goal of its own here (bench/robustness.ts has the engine's); the run beside it keeps the run's.
    const limit: Record<string, number> = { 'publish a period': 10, 'eligibility run': 10, 'import values': 5, 'eligibility run during the check': 10 };
    for (const j of results.jobs) {
      const ok = j.status === 'succeeded' && j.seconds <= (limit[j.job] ?? Infinity) && j.readP95Ms <= 500;
      lines.push(`| ${j.job} (${j.note}) | ${j.size.toLocaleString('en')} | ${j.seconds.toFixed(1)} s | ${j.status} | ${j.reads} | ${ms(j.readP95Ms)} | ${mark(ok)} (≤ ${limit[j.job] ?? '–'} s, reads ≤ 500 ms) |`);
    }
    lines.push('');
  }

  const rss = Object.entries(results.maxRssMb);
  if (rss.length) lines.push(`Server RSS, highest sampled: ${rss.map(([label, mb]) => `${label} ${mb.toFixed(0)} MB`).join(', ')} (goal ≤ 1024 MB: ${mark(rss.every(([, mb]) => mb <= 1024))})`, '');

  const s = results.scoring;
  if (s) {
    lines.push(`## CLI vs pandas, ${s.rows.toLocaleString('en')} × ${s.indicators} values (load average ${s.loadAverage.map((x) => x.toFixed(2)).join(' ')})`, '');
    lines.push('| command | wall (median) | cpu | peak RSS |', '|---|---|---|---|');
    const row = (name: string, run: ScoringFigures['cli'] | null) => run && lines.push(`| ${name} | ${run.seconds.toFixed(3)} s | ${run.cpuSeconds?.toFixed(3) ?? '–'} s | ${run.peakMb?.toFixed(0) ?? '–'} MB |`);
    row('the compiled CLI as npm runs it (node … scripts/cli.mjs score …)', s.cli);
    row('npm run cli -- score …', s.npmRunCli);
    row('python3 bench/pandas_composite.py …', s.pandas);
    lines.push('');
    if (s.wallRatio !== null) lines.push(`wall-time ratio ${s.wallRatio.toFixed(2)} (goal ≤ 0.7: ${mark(s.wallRatio <= 0.7)}); peak memory ratio ${s.memoryRatio?.toFixed(2) ?? '–'} (goal ≤ 1: ${mark((s.memoryRatio ?? Infinity) <= 1)})`);
    if (s.hyperfineSeconds) lines.push(`hyperfine, alternating: CLI ${s.hyperfineSeconds.cli.toFixed(3)} s, pandas ${s.hyperfineSeconds.pandas.toFixed(3)} s`);
    lines.push('');
  }
  const r = results.robustness;
  if (r) {
    lines.push(`## Robustness of awards, in process, one thread`, '');
    lines.push(
      `${r.draws.toLocaleString('en')} weightings over ${r.stakeholders.toLocaleString('en')} stakeholders (${r.indicators} indicators): ${r.seconds.toFixed(1)} s, ${r.fragile.toLocaleString('en')} fragile (goal ≤ ${ROBUSTNESS_GOAL_SECONDS} s: ${mark(r.seconds <= ROBUSTNESS_GOAL_SECONDS)})`,
      '',
    );
  }
  if (results.failures.length) lines.push('## Steps that failed', '', ...results.failures.map((f) => `- ${f}`), '');
  return lines;
}

export function writeResults(results: Results, outDir: string): void {
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(path.join(outDir, 'results.md'), `${reportLines(results).join('\n')}\n`);
}
