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

export type DetectedEncoding = { ok: true; encoding: Encoding; start: number } | { ok: false; problem: DecodeProblem };

/**
 * The encoding decodeText would choose, found without making the text, and where the text starts
 * (after a byte-order mark): readers that scan the bytes themselves decode only the cells they need.
 */
export function detectEncoding(bytes: Uint8Array, choice: EncodingChoice = 'auto'): DetectedEncoding {
  const utf8Mark = startsWith(bytes, 0xef, 0xbb, 0xbf);
  if (choice === 'gb18030') return { ok: true, encoding: 'gb18030', start: startsWith(bytes, 0x84, 0x31, 0x95, 0x33) ? 4 : 0 };
  if (choice === 'auto' && startsWith(bytes, 0xff, 0xfe)) return { ok: true, encoding: 'utf-16le', start: 2 };
  if (choice === 'auto' && startsWith(bytes, 0xfe, 0xff)) return { ok: true, encoding: 'utf-16be', start: 2 };
  if (isUtf8(bytes)) return { ok: true, encoding: 'utf-8', start: utf8Mark ? 3 : 0 };
  if (choice === 'utf8' || utf8Mark) return { ok: false, problem: located('not_utf8') };
  return { ok: true, encoding: 'gb18030', start: startsWith(bytes, 0x84, 0x31, 0x95, 0x33) ? 4 : 0 };
}

/** Whether the bytes are well-formed UTF-8 (as a fatal TextDecoder judges: no overlong forms, surrogates or code points past U+10FFFF). */
export function isUtf8(bytes: Uint8Array): boolean {
  const length = bytes.length;
  // Most files are mostly ASCII: skip it four bytes at a time through an aligned 32-bit view.
  const firstWord = (4 - (bytes.byteOffset % 4)) % 4;
  const words = length > firstWord ? new Uint32Array(bytes.buffer, bytes.byteOffset + firstWord, (length - firstWord) >>> 2) : new Uint32Array(0);
  let i = 0;
  while (i < length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      if (i >= firstWord && (i - firstWord) % 4 === 0) {
        let w = (i - firstWord) >>> 2;
        while (w < words.length && (words[w]! & 0x80808080) === 0) w++;
        i = Math.max(i + 1, firstWord + w * 4);
      } else i++;
      continue;
    }
    let needed: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) needed = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      needed = 2;
      if (b === 0xe0) low = 0xa0;
      else if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      needed = 3;
      if (b === 0xf0) low = 0x90;
      else if (b === 0xf4) high = 0x8f;
    } else return false;
    if (i + needed >= length) return false; // cut off at the end
    const second = bytes[i + 1]!;
    if (second < low || second > high) return false;
    for (let k = 2; k <= needed; k++) {
      const next = bytes[i + k]!;
      if (!(next >= 0x80 && next <= 0xbf)) return false;
    }
    i += needed + 1;
  }
  return true;
}

function decoded(bytes: Uint8Array, encoding: Encoding): DecodedText {
  return { ok: true, text: new TextDecoder(encoding).decode(bytes), encoding };
}
