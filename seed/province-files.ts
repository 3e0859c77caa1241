// A quarter's import files, as assessor A would upload them: one per KPI set (its code is the
// stakeholder type in the demo's method), split below the upload limit. Built apart from the
// import so the generator can prepare the next quarter's while a worker thread computes scores.
import type { StakeholderType } from '@/core/domain/enums';
import { MAX_IMPORT_BYTES } from '@/core/domain/imports';
import { groupIndicators } from './plan-profiles';
import type { PlannedEvaluation } from './plan-evaluations';

export interface ImportFile {
  kpiSetCode: StakeholderType;
  fileName: string;
  bytes: Uint8Array;
  /** The stakeholder of each line, in order: an import answers the evaluations' ids in that order. */
  codes: string[];
}

/** The files of a quarter's planned evaluations, every one of them a line (a planned draft without values too). */
export async function importFiles(evaluations: readonly PlannedEvaluation[], typeOf: (code: string) => StakeholderType, periodCode: string): Promise<ImportFile[]> {
  const files: ImportFile[] = [];
  const encoder = new TextEncoder();
  const indicatorsByType = groupIndicators();
  for (const [type, indicators] of Object.entries(indicatorsByType) as [StakeholderType, (typeof indicatorsByType)[StakeholderType]][]) {
    const header = ['stakeholder', ...indicators.map((i) => i.code)].join(',');
    let part: string[] = [];
    let codes: string[] = [];
    let bytes = 0;
    const flush = async () => {
      if (part.length === 0) return;
      files.push({ kpiSetCode: type, fileName: `${periodCode}-${type}.csv`, bytes: encoder.encode(`${header}\n${part.join('\n')}\n`), codes });
      part = [];
      codes = [];
      bytes = 0;
      // A turn of the event loop between files: a caller may be handing work to worker threads.
      await new Promise((resolve) => setImmediate(resolve));
    };
    for (const e of evaluations) {
      if (typeOf(e.stakeholderCode) !== type) continue;
      const line = csvLine(e, indicators);
      // Half the limit: room for the header and for multi-byte text, with a margin.
      if (bytes + line.length > MAX_IMPORT_BYTES / 2) await flush();
      part.push(line);
      codes.push(e.stakeholderCode);
      bytes += line.length + 1;
    }
    await flush();
  }
  return files;
}

/** A planned evaluation as a line of its KPI set's file: the code, then each indicator's value or nothing. */
export function csvLine(e: PlannedEvaluation, indicators: readonly { code: string }[]): string {
  let line = e.stakeholderCode;
  // The planner lists a generated evaluation's values in the KPI set's order: no lookup per value.
  if (e.values.length === indicators.length && e.values.every((v, i) => v.indicatorCode === indicators[i]!.code)) {
    for (const v of e.values) line += v.value === null ? ',' : `,${v.value}`;
    return line;
  }
  const byCode = new Map(e.values.map((v) => [v.indicatorCode, v.value]));
  for (const i of indicators) {
    const v = byCode.get(i.code);
    line += v === null || v === undefined ? ',' : `,${v}`;
  }
  return line;
}
