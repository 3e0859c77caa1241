// How the job lanes share the writer (server/jobs/lane-state.ts): a background write waits while a
// main-lane job is pending, and a main-lane job waits while a background write runs. The other
// side is a real thread changing the shared state a moment later.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { awaitBackgroundWrite, mainJobEnded, mainJobHandedOver, newLaneState, writeWhenMainIdle } from '@/server/jobs/lane-state';

const LATER_MS = 300;

/** A thread that, LATER_MS from now, stores `value` at `index` of the state and wakes its waiters. */
function storeLater(state: Int32Array, index: number, value: number): Promise<void> {
  const code = `const { workerData: { state, index, value, ms } } = require('node:worker_threads');
    setTimeout(() => { Atomics.store(state, index, value); Atomics.notify(state, index); }, ms);`;
  const worker = new Worker(code, { eval: true, workerData: { state, index, value, ms: LATER_MS } });
  return new Promise((resolve, reject) => worker.on('exit', () => resolve()).on('error', reject));
}

describe('job lanes and the one writer', () => {
  it('writes at once when the main lane is idle, flagged as writing meanwhile', () => {
    const state = newLaneState();
    const flag = writeWhenMainIdle(state, () => Atomics.load(state, 1));
    expect(flag).toBe(1);
    expect(Atomics.load(state, 1)).toBe(0);
  });

  it('holds a background write until the pending main-lane job has ended', async () => {
    const state = newLaneState();
    mainJobHandedOver(state);
    const ended = storeLater(state, 0, 0);
    const started = Date.now();
    const wroteAt = writeWhenMainIdle(state, () => Date.now());
    expect(wroteAt - started).toBeGreaterThanOrEqual(LATER_MS - 20);
    await ended;
  });

  it('holds a main-lane job while a background write runs', async () => {
    const state = newLaneState();
    Atomics.store(state, 1, 1);
    const ended = storeLater(state, 1, 0);
    const started = Date.now();
    awaitBackgroundWrite(state);
    expect(Date.now() - started).toBeGreaterThanOrEqual(LATER_MS - 20);
    await ended;
  });

  it('counts main-lane jobs in and out', () => {
    const state = newLaneState();
    mainJobHandedOver(state);
    mainJobHandedOver(state);
    mainJobEnded(state);
    expect(Atomics.load(state, 0)).toBe(1);
    mainJobEnded(state);
    expect(writeWhenMainIdle(state, () => 'written')).toBe('written');
  });
});
