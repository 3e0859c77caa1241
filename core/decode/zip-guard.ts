// Guards an XLSX (a ZIP archive) before a workbook library unpacks it: a 1.4 MB file can unpack to
// gigabytes (a "zip bomb"). The central directory's declared sizes are checked first (cheap), then
// each member is actually inflated with a running budget, because declared sizes can lie. Web
// streams (DecompressionStream) keep this pure: the browser, the server and the CLI have them.

/**
 * What reading a workbook may cost at most: the sum of all members' unpacked bytes, the member
 * count, and the first sheet's rows and cells (a larger table travels as CSV).
 */
export const WORKBOOK_LIMITS = { unpackedBytes: 50 * 1024 * 1024, entries: 5_000, rows: 200_000, cells: 5_000_000 } as const;

export type ZipGuardProblem =
  | { code: 'xlsx_too_large'; params: { limitMb: number } }
  | { code: 'bad_xlsx'; params: { reason: string } };

export type ZipEntry = { name: string; method: number; crc32: number; compressedSize: number; uncompressedSize: number; localHeaderOffset: number };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_MARK = 0xffffffff;

export function u16(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8);
}
export function u32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

const NAMES = new TextDecoder();

/** The archive's members from its central directory, or a reason it can't be read. */
export function centralDirectory(bytes: Uint8Array): ZipEntry[] | string {
  // The end-of-central-directory record sits in the last 22 bytes plus at most a 64 KB comment.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (u32(bytes, i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return 'no ZIP directory';
  const count = u16(bytes, end + 10);
  let at = u32(bytes, end + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== CENTRAL) return 'damaged ZIP directory';
    entries.push({
      name: NAMES.decode(bytes.subarray(at + 46, at + 46 + u16(bytes, at + 28))),
      method: u16(bytes, at + 10),
      crc32: u32(bytes, at + 16),
      compressedSize: u32(bytes, at + 20),
      uncompressedSize: u32(bytes, at + 24),
      localHeaderOffset: u32(bytes, at + 42),
    });
    at += 46 + u16(bytes, at + 28) + u16(bytes, at + 30) + u16(bytes, at + 32);
  }
  return entries;
}

/** Inflates one member, counting its output; false as soon as it passes `budget` bytes. */
async function inflatesWithin(bytes: Uint8Array, entry: ZipEntry, budget: number): Promise<{ ok: true; size: number } | { ok: false; reason?: string }> {
  const local = entry.localHeaderOffset;
  if (local + 30 > bytes.length || u32(bytes, local) !== LOCAL) return { ok: false, reason: 'damaged ZIP member' };
  const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data.length <= budget ? { ok: true, size: data.length } : { ok: false };
  if (entry.method !== 8) return { ok: false, reason: `unsupported ZIP compression method ${entry.method}` };
  // A copy: Blob takes only ArrayBuffer-backed views.
  const reader = new Blob([new Uint8Array(data)]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { ok: true, size };
      size += value.byteLength;
      if (size > budget) {
        await reader.cancel();
        return { ok: false };
      }
    }
  } catch {
    // Corrupt data within budget so far: the workbook reader will say what is wrong with it.
    return { ok: true, size };
  }
}

/**
 * Null when the archive unpacks within WORKBOOK_LIMITS, else the problem to report. Runs before any
 * workbook library sees the bytes.
 */
export async function checkWorkbookArchive(bytes: Uint8Array, limits: Pick<typeof WORKBOOK_LIMITS, 'unpackedBytes' | 'entries'> = WORKBOOK_LIMITS): Promise<ZipGuardProblem | null> {
  const tooLarge = { code: 'xlsx_too_large', params: { limitMb: Math.round(limits.unpackedBytes / 1024 / 1024) } } as const;
  const entries = centralDirectory(bytes);
  if (typeof entries === 'string') return { code: 'bad_xlsx', params: { reason: entries } };
  if (entries.length > limits.entries) return tooLarge;
  let declared = 0;
  for (const e of entries) {
    if (e.uncompressedSize === ZIP64_MARK || e.compressedSize === ZIP64_MARK) return tooLarge;
    declared += e.uncompressedSize;
  }
  if (declared > limits.unpackedBytes) return tooLarge;
  let budget = limits.unpackedBytes;
  for (const e of entries) {
    const inflated = await inflatesWithin(bytes, e, budget);
    if (!inflated.ok) return inflated.reason ? { code: 'bad_xlsx', params: { reason: inflated.reason } } : tooLarge;
    budget -= inflated.size;
  }
  return null;
}
