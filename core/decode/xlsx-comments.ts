// exceljs can't open a workbook whose cell comments sit anywhere but where exceljs itself puts them
// (openpyxl writes xl/comments/comment1.xml; exceljs then fails with "Cannot read properties of
// undefined (reading 'comments')"). The values never depend on comments, so such a workbook is read
// again without them: a copy of the archive whose worksheets' relationship parts no longer list
// comments or their VML drawings. The copy takes every other member's bytes as they are (still
// compressed) and stores the changed parts uncompressed. Runs after zip-guard passed the archive.
import { centralDirectory, u16, type ZipEntry } from './zip-guard';

const SHEET_RELS = /^xl\/worksheets\/_rels\/[^/]+\.rels$/;
const COMMENT_RELATIONSHIP = /<Relationship\b[^>]*Type="[^"]*\/(?:comments|vmlDrawing)"[^>]*\/>/g;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A member's bytes as stored (compressed or not), found through its local header. */
function storedData(bytes: Uint8Array, e: ZipEntry): Uint8Array {
  const start = e.localHeaderOffset + 30 + u16(bytes, e.localHeaderOffset + 26) + u16(bytes, e.localHeaderOffset + 28);
  return bytes.subarray(start, start + e.compressedSize);
}

async function inflate(data: Uint8Array, method: number): Promise<Uint8Array> {
  if (method === 0) return data;
  const stream = new Blob([new Uint8Array(data)]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

type Member = { name: Uint8Array; method: number; crc32: number; size: number; data: Uint8Array };

/** A ZIP archive of the members: local headers, data, central directory, end record. */
function zip(members: readonly Member[]): Uint8Array {
  const total = members.reduce((n, m) => n + 30 + m.name.length + m.data.length + 46 + m.name.length, 22);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let at = 0;
  const offsets: number[] = [];
  const header = (signature: number, m: Member, central: boolean) => {
    view.setUint32(at, signature, true);
    at += 4;
    if (central) {
      view.setUint16(at, 20, true); // made by
      at += 2;
    }
    for (const v of [20, 0, m.method, 0, 0x21]) {
      view.setUint16(at, v, true); // version needed, flags, method, time, date (1980-01-01)
      at += 2;
    }
    for (const v of [m.crc32, m.data.length, m.size]) {
      view.setUint32(at, v, true);
      at += 4;
    }
    view.setUint16(at, m.name.length, true);
    at += 4; // the name's length, no extra field
  };
  for (const m of members) {
    offsets.push(at);
    header(0x04034b50, m, false);
    out.set(m.name, at);
    at += m.name.length;
    out.set(m.data, at);
    at += m.data.length;
  }
  const directory = at;
  members.forEach((m, i) => {
    header(0x02014b50, m, true);
    at += 10; // comment length, disk, internal (2 bytes) and external (4 bytes) attributes
    view.setUint32(at, offsets[i]!, true);
    at += 4;
    out.set(m.name, at);
    at += m.name.length;
  });
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, members.length, true);
  view.setUint16(at + 10, members.length, true);
  view.setUint32(at + 12, at - directory, true);
  view.setUint32(at + 16, directory, true);
  return out;
}

/** The workbook without its comments' relationships, or null when it lists none (nothing to retry). */
export async function withoutComments(bytes: Uint8Array): Promise<Uint8Array | null> {
  const entries = centralDirectory(bytes);
  if (typeof entries === 'string') return null;
  const encoder = new TextEncoder();
  const members: Member[] = [];
  let changed = false;
  for (const e of entries) {
    const data = storedData(bytes, e);
    const name = encoder.encode(e.name);
    if (SHEET_RELS.test(e.name)) {
      const text = new TextDecoder().decode(await inflate(data, e.method));
      const kept = text.replace(COMMENT_RELATIONSHIP, '');
      if (kept !== text) {
        changed = true;
        const plain = encoder.encode(kept);
        members.push({ name, method: 0, crc32: crc32(plain), size: plain.length, data: plain });
        continue;
      }
    }
    members.push({ name, method: e.method, crc32: e.crc32, size: e.uncompressedSize, data });
  }
  return changed ? zip(members) : null;
}
