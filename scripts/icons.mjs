#!/usr/bin/env node
// Generates every icon the packaged app needs from assets/icon.svg (and the monochrome
// assets/tray.svg): PNGs at each size (electron-builder's Linux icon set, NxN.png), icon.ico for
// Windows, icon.icns for macOS, and tray icons (a template image pair for the macOS menu bar, the
// coloured icon elsewhere). SVG rendering by resvg, ICO/ICNS packing by png2icons. Run by
// `npm run build`, `npm run package` and `npm test`'s build stage: `node scripts/icons.mjs [OUT_DIR]`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const APP_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
export const TRAY_FILES = { 'tray.png': ['icon.svg', 16], 'tray@2x.png': ['icon.svg', 32], 'trayTemplate.png': ['tray.svg', 16], 'trayTemplate@2x.png': ['tray.svg', 32] };

export async function generateIcons(outDir = join(root, 'build', 'icons')) {
  const [{ Resvg }, png2icons] = await Promise.all([import('@resvg/resvg-js'), import('png2icons').then((m) => m.default ?? m)]);
  const render = (svgFile, size) => new Resvg(readFileSync(join(root, 'assets', svgFile)), { fitTo: { mode: 'width', value: size } }).render().asPng();
  mkdirSync(join(outDir, 'png'), { recursive: true });
  const written = [];
  const write = (file, data) => {
    if (!data) throw new Error(`could not make ${file}`);
    writeFileSync(join(outDir, file), data);
    written.push(file);
  };
  for (const size of APP_SIZES) write(join('png', `${size}x${size}.png`), render('icon.svg', size));
  const big = render('icon.svg', 1024);
  // ICO: PNG-compressed entries from 16 to 256 px (forWinExe: the sizes Windows' shell asks for).
  write('icon.ico', png2icons.createICO(big, png2icons.BICUBIC2, 0, true, true));
  write('icon.icns', png2icons.createICNS(big, png2icons.BICUBIC2, 0));
  for (const [file, [svg, size]] of Object.entries(TRAY_FILES)) write(file, render(svg, size));
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ? resolve(process.argv[2]) : undefined;
  const started = Date.now();
  const files = await generateIcons(out);
  console.log(`generated ${files.length} icons in ${out ?? 'build/icons'} in ${Date.now() - started} ms`);
}
