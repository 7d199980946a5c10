// SVG → PNG with resvg (@resvg/resvg-js, a Rust renderer shipped as an npm package with a
// prebuilt binary; kept out of the bundle by next.config.js serverExternalPackages). Text is set
// in DejaVu Sans from assets/fonts, never a system font, so an image looks the same on every
// machine; rendering runs on libuv's thread pool (renderAsync), off the event loop.
import fs from 'node:fs';
import path from 'node:path';
import { Resvg, renderAsync } from '@resvg/resvg-js';

export const FONT_FAMILY = 'DejaVu Sans';

/**
 * The fonts shipped in the repository (licence: assets/fonts/LICENSE-DejaVu.txt). Spelled out
 * whole so the build's file tracing picks up these two files and nothing else.
 */
export function fontFiles(): string[] {
  const files = [
    path.join(process.cwd(), 'assets', 'fonts', 'DejaVuSans.ttf'),
    path.join(process.cwd(), 'assets', 'fonts', 'DejaVuSans-Bold.ttf'),
  ];
  for (const f of files)
    if (!fs.existsSync(/*turbopackIgnore: true*/ f))
      throw new Error(`the font ${f} is missing (run from the repository)`);
  return files;
}

function options(background: string | undefined) {
  return {
    fitTo: { mode: 'original' as const },
    background,
    font: {
      fontFiles: fontFiles(),
      loadSystemFonts: false,
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
  };
}

export interface Raster {
  width: number;
  height: number;
  png: Buffer;
}

/** Rasterises a standalone SVG document (with its xmlns) at its own size. */
export async function svgToPng(svg: string, background = '#ffffff'): Promise<Raster> {
  const image = await renderAsync(svg, options(background));
  return { width: image.width, height: image.height, png: image.asPng() };
}

/** The RGBA pixels of an SVG at its own size (for checks: is an image blank?). */
export function svgPixels(svg: string): { width: number; height: number; pixels: Buffer } {
  const image = new Resvg(svg, options('#ffffff')).render();
  return { width: image.width, height: image.height, pixels: image.pixels };
}
