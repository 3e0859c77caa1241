// The method hash identifies a KPI set's exact content: "sha256:" + the hex SHA-256 of its
// canonical JSON (canonical-json.ts). Hash the *validated* set, so a file that leaves out a default
// (scale 100, transform "none" …) hashes the same as one that writes it.
import { canonicalJson } from './canonical-json';
import type { KpiSetV1 } from './format';
import { sha256Hex } from './sha256';

export function methodHash(kpiSet: KpiSetV1): string {
  return `sha256:${sha256Hex(canonicalJson(kpiSet))}`;
}
