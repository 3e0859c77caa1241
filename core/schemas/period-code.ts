// A period's code as people type it in URLs and forms: a year (2025) or a quarter (2026Q2).
import * as z from 'zod';

const PERIOD_CODE = /^\d{4}(Q[1-4])?$/;

export const periodCodeSchema = z.string().trim().regex(PERIOD_CODE, 'Enter a period code such as 2026Q2 or 2025.');

export function isPeriodCode(v: unknown): v is string {
  return typeof v === 'string' && PERIOD_CODE.test(v);
}
