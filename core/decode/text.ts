// Bytes → text. A byte-order mark decides (UTF-8, UTF-16 LE/BE); else valid UTF-8 is UTF-8, and
// anything else is GB18030 (what Chinese Excel writes for "CSV"), which includes GBK and GB2312.
// TextDecoder knows all of these in Node and in browsers.
import { located, type DecodeProblem } from './problems';

export const ENCODING_CHOICES = ['auto', 'utf8', 'gb18030'] as const;
export type EncodingChoice = (typeof ENCODING_CHOICES)[number];
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type DecodedText = { ok: true; text: string; encoding: Encoding } | { ok: false; problem: DecodeProblem };

function startsWith(bytes: Uint8Array, ...prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/** The text of a file's bytes (a byte-order mark is dropped). */
export function decodeText(bytes: Uint8Array, choice: EncodingChoice = 'auto'): DecodedText {
  if (choice === 'gb18030') return decoded(bytes, 'gb18030');
  if (choice === 'auto' && startsWith(bytes, 0xff, 0xfe)) return decoded(bytes, 'utf-16le');
  if (choice === 'auto' && startsWith(bytes, 0xfe, 0xff)) return decoded(bytes, 'utf-16be');
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Only a file without a mark may be GB18030; a UTF-8 one (by mark or by choice) is broken.
    if (choice === 'utf8' || startsWith(bytes, 0xef, 0xbb, 0xbf)) return { ok: false, problem: located('not_utf8') };
    return decoded(bytes, 'gb18030');
  }
}

function decoded(bytes: Uint8Array, encoding: Encoding): DecodedText {
  return { ok: true, text: new TextDecoder(encoding).decode(bytes), encoding };
}
