// Grade bands: each band starts at its `min` and runs up to the next band's min; the top band runs
// to the end of the scale. A composite gets the band with the highest min it reaches, allowing for
// rounding noise (a composite of 79.99999999999999 reaches a band starting at 80; see tolerance.ts).
import type { GradeBand } from './format';
import { atLeast } from './tolerance';

/** Bands ordered by min, highest first (the order gradeFor searches in). */
export function sortGradesDescending<T extends { min: number }>(grades: readonly T[]): T[] {
  return [...grades].sort((a, b) => b.min - a.min);
}

/** Index into `gradesDescending` of the band `composite` falls in, or -1 below every band. */
export function gradeIndexFor(composite: number, gradesDescending: readonly { min: number }[]): number {
  for (let g = 0; g < gradesDescending.length; g++) {
    if (atLeast(composite, gradesDescending[g]!.min)) return g;
  }
  return -1;
}

/** The band `composite` falls in (bands in any order), or null for a null composite. */
export function gradeFor<T extends Pick<GradeBand, 'min'>>(composite: number | null, grades: readonly T[]): T | null {
  if (composite === null || !Number.isFinite(composite)) return null;
  const descending = sortGradesDescending(grades);
  const index = gradeIndexFor(composite, descending);
  return index < 0 ? null : descending[index]!;
}
