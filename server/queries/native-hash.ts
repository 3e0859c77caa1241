// The input hashes of score and eligibility runs digest megabytes of canonical JSON at a
// province's size: node:crypto gives the same SHA-256 as the pure engine's, many times faster.
import 'server-only';
import { createHash } from 'node:crypto';

/** Hex SHA-256 of the UTF-8 bytes of the parts' concatenation (the same digest as core's sha256Hex of it). */
export function nativeSha256Hex(parts: Iterable<string>): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part, 'utf8');
  return hash.digest('hex');
}
