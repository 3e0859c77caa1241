// Starting a robustness check of an eligibility run: how many draws, the ± spread in percent (the
// form's unit; the engine takes a fraction), and the seed (left out: the server picks one and
// shows it, so the check can be repeated).
import * as z from 'zod';
import { vmsg } from '@/core/domain/messages';
import { imsg } from '@/core/eligibility/rules';
import { DEFAULT_ROBUSTNESS_DRAWS, DEFAULT_ROBUSTNESS_SPREAD, MAX_ROBUSTNESS_DRAWS } from '@/core/domain/robustness';

/** The widest spread a check may use: ±50 %. */
export const MAX_ROBUSTNESS_SPREAD_PERCENT = 50;
/** Seeds are 31-bit non-negative integers (the PRNG takes 32 bits; this keeps them plain in SQLite and JSON). */
export const MAX_ROBUSTNESS_SEED = 2 ** 31 - 1;

const whole = (min: number, max: number) => z.number({ error: imsg('number') }).int(imsg('integer')).min(min, imsg('range', { min, max })).max(max, imsg('range', { min, max }));

export const robustnessStartSchema = z.object({
  runId: z.number({ error: vmsg('validation.required') }).int().positive(vmsg('validation.required')),
  draws: whole(1, MAX_ROBUSTNESS_DRAWS).default(DEFAULT_ROBUSTNESS_DRAWS),
  spreadPercent: z
    .number({ error: imsg('number') })
    .finite(imsg('number'))
    .gt(0, imsg('positive'))
    .max(MAX_ROBUSTNESS_SPREAD_PERCENT, imsg('range', { min: 0, max: MAX_ROBUSTNESS_SPREAD_PERCENT }))
    .default(DEFAULT_ROBUSTNESS_SPREAD * 100),
  seed: whole(0, MAX_ROBUSTNESS_SEED).nullish().transform((v) => v ?? null),
});
export type RobustnessStart = z.output<typeof robustnessStartSchema>;
export type RobustnessStartRaw = z.input<typeof robustnessStartSchema>;

/** The job's input: every parameter fixed, the seed included; `automatic` when no person started it. */
export const robustnessJobSchema = z.object({
  runId: z.number().int().positive(),
  draws: z.number().int().min(1).max(MAX_ROBUSTNESS_DRAWS),
  spread: z.number().gt(0).max(MAX_ROBUSTNESS_SPREAD_PERCENT / 100),
  seed: z.number().int().min(0).max(MAX_ROBUSTNESS_SEED),
  automatic: z.boolean().default(false),
});
export type RobustnessJobInput = z.input<typeof robustnessJobSchema>;

export const fragileListSchema = z.object({
  runId: z.number().int().positive(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});
