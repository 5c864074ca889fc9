import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_SIZES, generateIcons, TRAY_FILES } from '../../scripts/icons.mjs';

// What electron-builder and the tray get from scripts/icons.mjs, read back byte by byte: PNG sizes
// from their IHDR, the ICO's directory, the ICNS's chunks.

const pngSize = (png: Buffer): { width: number; height: number } => {
  expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
};

describe('icon generation', { timeout: 60_000 }, () => {
  let out: string;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'berth-icons-'));
    await generateIcons(out);
  });
  afterAll(() => rm(out, { recursive: true, force: true }));

  it('makes the Linux icon set: a square PNG at every size', async () => {
    for (const size of APP_SIZES) expect(pngSize(await readFile(join(out, 'png', `${size}x${size}.png`)))).toEqual({ width: size, height: size });
  });

  it('makes a Windows .ico with 16 to 256 px entries', async () => {
    const ico = await readFile(join(out, 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + i * 16) || 256);
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    for (let i = 0; i < count; i++) {
      const [length, offset] = [ico.readUInt32LE(6 + i * 16 + 8), ico.readUInt32LE(6 + i * 16 + 12)];
      expect(offset + length).toBeLessThanOrEqual(ico.length);
    }
  });

  it('makes a macOS .icns whose chunks add up and include the 512 and 1024 px images', async () => {
    const icns = await readFile(join(out, 'icon.icns'));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) types.push(icns.subarray(at, at + 4).toString('latin1'));
    expect(types).toEqual(expect.arrayContaining(['ic09', 'ic10']));
  });

  it('makes the tray icons: 16 px and 32 px (@2x), a template pair for the macOS menu bar', async () => {
    for (const [file, [, size]] of Object.entries(TRAY_FILES)) expect(pngSize(await readFile(join(out, file)))).toEqual({ width: size, height: size });
  });
});
