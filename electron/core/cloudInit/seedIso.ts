/**
 * A cloud-init NoCloud seed as an ISO 9660 image labelled `cidata`, written in-process: no npm
 * library writes ISO 9660, and genisoimage/xorriso/hdiutil are not on every desktop. One root
 * directory of small files is all a seed needs, so this is the smallest correct image: the primary
 * volume descriptor (8.3-style names, which strict readers use) and a Joliet supplementary one
 * (the exact names `user-data`, `meta-data`, which Linux, Windows and macOS read when present).
 */

const SECTOR = 2048;
/** Sectors 0–15 are the system area; descriptors follow (ECMA-119 6.2.1). */
const FIRST_DESCRIPTOR = 16;

type Text = 'a' | 'ucs2';

/** A 32-bit number written both little- and big-endian, as ECMA-119 7.3.3 wants in most fields. */
function both32(buf: Buffer, at: number, n: number): void {
  buf.writeUInt32LE(n, at);
  buf.writeUInt32BE(n, at + 4);
}

function both16(buf: Buffer, at: number, n: number): void {
  buf.writeUInt16LE(n, at);
  buf.writeUInt16BE(n, at + 2);
}

function encode(text: string, kind: Text): Buffer {
  if (kind === 'a') return Buffer.from(text, 'ascii');
  const b = Buffer.from(text, 'utf16le');
  return b.swap16(); // Joliet is UCS-2 big-endian
}

/** A fixed-width text field padded with spaces (in the field's own encoding). */
function field(buf: Buffer, at: number, width: number, text: string, kind: Text): void {
  const padded = kind === 'a' ? text.padEnd(width, ' ') : text.padEnd(width / 2, ' ');
  encode(padded, kind).copy(buf, at, 0, width);
}

/** ECMA-119 8.4.26.1: "YYYYMMDDHHMMSScc" and the offset from GMT in 15-minute steps. */
function longDate(buf: Buffer, at: number, d: Date | null): void {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const text = d ? `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}00` : '0'.repeat(16);
  buf.write(text, at, 'ascii');
  buf[at + 16] = 0;
}

interface Extent {
  sector: number;
  size: number;
}

/** One directory record (ECMA-119 9.1): `id` is the raw identifier (0x00 for ".", 0x01 for ".."). */
function dirRecord(id: Buffer, extent: Extent, isDir: boolean, date: Date): Buffer {
  const length = 33 + id.length + (id.length % 2 === 0 ? 1 : 0);
  const r = Buffer.alloc(length);
  r[0] = length;
  both32(r, 2, extent.sector);
  both32(r, 10, extent.size);
  r[18] = date.getUTCFullYear() - 1900;
  r[19] = date.getUTCMonth() + 1;
  r[20] = date.getUTCDate();
  r[21] = date.getUTCHours();
  r[22] = date.getUTCMinutes();
  r[23] = date.getUTCSeconds();
  r[25] = isDir ? 2 : 0;
  both16(r, 28, 1);
  r[32] = id.length;
  id.copy(r, 33);
  return r;
}

/** The primary descriptor's name for a file: d-characters, at most 30 in all, with the ";1" version. */
export function isoName(name: string): string {
  const [stem = '', ext = ''] = name.toUpperCase().replace(/[^A-Z0-9_.]/g, '_').split(/\.(?=[^.]*$)/);
  const cleanStem = stem.replace(/\./g, '_');
  return `${cleanStem.slice(0, 30 - Math.min(ext.length, 3) - 1)}.${ext.slice(0, 3)};1`;
}

interface Tree {
  root: Extent;
  records: Buffer;
  pathTable: Buffer;
}

/** The root directory's records and the one-entry path table, for one descriptor's naming. */
function rootFor(files: { id: Buffer; extent: Extent }[], rootSector: number, date: Date): Tree {
  const root = { sector: rootSector, size: SECTOR };
  const parts = [dirRecord(Buffer.from([0]), root, true, date), dirRecord(Buffer.from([1]), root, true, date)];
  for (const f of [...files].sort((a, b) => Buffer.compare(a.id, b.id))) parts.push(dirRecord(f.id, f.extent, false, date));
  const records = Buffer.concat(parts);
  if (records.length > SECTOR) throw new Error('A seed ISO holds one sector of directory records: too many or too long file names');
  // ECMA-119 9.4: identifier length 1, no extended attributes, extent, parent 1, identifier 0x00, pad.
  const pathTable = Buffer.alloc(10);
  pathTable[0] = 1;
  return { root, records, pathTable };
}

function descriptor(type: 1 | 2, label: string, kind: Text, tree: Tree, tables: { l: number; m: number }, totalSectors: number, date: Date): Buffer {
  const d = Buffer.alloc(SECTOR);
  d[0] = type;
  d.write('CD001', 1, 'ascii');
  d[6] = 1;
  field(d, 8, 32, '', kind);
  field(d, 40, 32, label, kind);
  both32(d, 80, totalSectors);
  // Joliet's mark (UCS-2 level 3) is its escape sequence.
  if (type === 2) d.write('%/E', 88, 'ascii');
  both16(d, 120, 1);
  both16(d, 124, 1);
  both16(d, 128, SECTOR);
  both32(d, 132, tree.pathTable.length);
  d.writeUInt32LE(tables.l, 140);
  d.writeUInt32BE(tables.m, 148);
  dirRecord(Buffer.from([0]), tree.root, true, date).copy(d, 156);
  field(d, 190, 128, '', kind);
  field(d, 318, 128, '', kind);
  field(d, 446, 128, '', kind);
  field(d, 574, 128, 'BERTH', kind);
  field(d, 702, 37, '', kind);
  field(d, 739, 37, '', kind);
  field(d, 776, 37, '', kind);
  longDate(d, 813, date);
  longDate(d, 830, date);
  longDate(d, 847, null);
  longDate(d, 864, null);
  d[881] = 1;
  return d;
}

function pathTables(tree: Tree, rootSector: number): { l: Buffer; m: Buffer } {
  const l = Buffer.from(tree.pathTable);
  l.writeUInt32LE(rootSector, 2);
  l.writeUInt16LE(1, 6);
  const m = Buffer.from(tree.pathTable);
  m.writeUInt32BE(rootSector, 2);
  m.writeUInt16BE(1, 6);
  return { l, m };
}

const pad = (b: Buffer): Buffer => Buffer.concat([b, Buffer.alloc((SECTOR - (b.length % SECTOR)) % SECTOR)]);

/** An ISO 9660 image with Joliet names holding `files` (name → content) in its root, volume-labelled `label`. */
export function isoImage(files: Record<string, string | Buffer>, label: string, date = new Date()): Buffer {
  if (!/^[A-Za-z0-9_]{1,16}$/.test(label)) throw new Error(`"${label}" is not a volume label this writer makes (1–16 letters, digits or _)`);
  const names = Object.keys(files);
  const shortNames = new Set(names.map(isoName));
  if (shortNames.size !== names.length) throw new Error('Two file names of the seed map to the same ISO 9660 name');
  // Sectors: descriptors 16 (primary), 17 (Joliet), 18 (terminator); path tables L/M for each; the two roots; then file data.
  const [PVD_TABLE_L, PVD_TABLE_M, SVD_TABLE_L, SVD_TABLE_M, PVD_ROOT, SVD_ROOT] = [19, 20, 21, 22, 23, 24];
  let next = 25;
  const data: Buffer[] = [];
  const extents = names.map((name) => {
    const content = Buffer.isBuffer(files[name]) ? (files[name] as Buffer) : Buffer.from(files[name] as string, 'utf8');
    const extent = { sector: next, size: content.length };
    next += Math.ceil(content.length / SECTOR);
    data.push(pad(content));
    return { name, extent };
  });
  const total = next;
  const pvdTree = rootFor(extents.map((e) => ({ id: encode(isoName(e.name), 'a'), extent: e.extent })), PVD_ROOT, date);
  const svdTree = rootFor(extents.map((e) => ({ id: encode(e.name, 'ucs2'), extent: e.extent })), SVD_ROOT, date);
  const terminator = Buffer.alloc(SECTOR);
  terminator[0] = 255;
  terminator.write('CD001', 1, 'ascii');
  terminator[6] = 1;
  const pvdTables = pathTables(pvdTree, PVD_ROOT);
  const svdTables = pathTables(svdTree, SVD_ROOT);
  const image = Buffer.concat([
    Buffer.alloc(FIRST_DESCRIPTOR * SECTOR),
    descriptor(1, label, 'a', pvdTree, { l: PVD_TABLE_L, m: PVD_TABLE_M }, total, date),
    descriptor(2, label, 'ucs2', svdTree, { l: SVD_TABLE_L, m: SVD_TABLE_M }, total, date),
    terminator,
    pad(pvdTables.l),
    pad(pvdTables.m),
    pad(svdTables.l),
    pad(svdTables.m),
    pad(pvdTree.records),
    pad(svdTree.records),
    ...data,
  ]);
  if (image.length !== total * SECTOR) throw new Error(`seed ISO layout error: ${image.length} bytes for ${total} sectors`);
  return image;
}

/** cloud-init's NoCloud seed on a CD: the volume label `cidata` is how cloud-init finds it. */
export function seedIso(files: Record<string, string>): Buffer {
  return isoImage(files, 'cidata');
}
