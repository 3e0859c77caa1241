// How the two job lanes share SQLite's one writer. A job of the main lane reads and then writes in
// one transaction; a commit by another connection in between (a robustness check of the
// background lane writing its results) would fail it at its first write (a stale snapshot). So a
// background job writes only while no main-lane job is queued or running, and a main-lane job
// that starts meanwhile waits for that write to end (a second at a province's size). The state
// is shared memory, handed to every worker with its task:
//   [0] main-lane jobs handed over and not ended (counted by the server thread, which survives a
//       worker that dies), [1] 1 while a background job writes.
import 'server-only';

export type LaneState = Int32Array;

/** Runs a background job's write when it cannot fail a main-lane job's transaction; elsewhere at once. */
export type WriteAlone = <T>(write: () => T) => T;

const MAIN_PENDING = 0;
const BACKGROUND_WRITING = 1;

export const newLaneState = (): LaneState => new Int32Array(new SharedArrayBuffer(8));

/** Server thread: a main-lane job handed to the pool, and its end (whatever the end). */
export function mainJobHandedOver(state: LaneState): void {
  Atomics.add(state, MAIN_PENDING, 1);
}
export function mainJobEnded(state: LaneState): void {
  Atomics.sub(state, MAIN_PENDING, 1);
  Atomics.notify(state, MAIN_PENDING);
}

/** A main-lane worker, before its job: waits while a background job writes. */
export function awaitBackgroundWrite(state: LaneState): void {
  while (Atomics.load(state, BACKGROUND_WRITING) === 1) Atomics.wait(state, BACKGROUND_WRITING, 1, 1_000);
}

/**
 * A background worker: runs `write` once no main-lane job is queued or running, keeping new ones
 * waiting until it ends. Never waits while it holds the flag, so neither side can wait for the other.
 */
export function writeWhenMainIdle<T>(state: LaneState, write: () => T): T {
  for (;;) {
    const pending = Atomics.load(state, MAIN_PENDING);
    if (pending === 0) {
      Atomics.store(state, BACKGROUND_WRITING, 1);
      // A job handed over between the two reads is counted already: back off and wait for it.
      if (Atomics.load(state, MAIN_PENDING) === 0) {
        try {
          return write();
        } finally {
          Atomics.store(state, BACKGROUND_WRITING, 0);
          Atomics.notify(state, BACKGROUND_WRITING);
        }
      }
      Atomics.store(state, BACKGROUND_WRITING, 0);
      Atomics.notify(state, BACKGROUND_WRITING);
      continue;
    }
    Atomics.wait(state, MAIN_PENDING, pending, 1_000);
  }
}
