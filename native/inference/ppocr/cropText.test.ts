import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cropText } from './cropText';
import { rectCorners } from './rotatedRect';
import type { RgbImage } from './types';

/**
 * A 400×300 black image with a w×h band centred at (cx, cy), turned by `deg`
 * clockwise: its first fifth green (where a line starts), the rest red.
 */
async function band(cx: number, cy: number, w: number, h: number, deg: number): Promise<RgbImage> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect width="400" height="300" fill="#000"/>
    <g transform="rotate(${deg} ${cx} ${cy})"><rect x="${cx - w / 2}" y="${cy - h / 2}" width="${w}" height="${h}" fill="#f00"/>
    <rect x="${cx - w / 2}" y="${cy - h / 2}" width="${w / 5}" height="${h}" fill="#0f0"/></g></svg>`;
  const { data, info } = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

function pixel(img: RgbImage, fx: number, fy: number): [number, number, number] {
  const i = (Math.floor(fy * img.height) * img.width + Math.floor(fx * img.width)) * 3;
  return [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!];
}

function quadOf(cx: number, cy: number, w: number, h: number, deg: number): ReturnType<typeof rectCorners> {
  const a = (deg * Math.PI) / 180;
  return rectCorners({ cx, cy, w, h, ux: Math.cos(a), uy: Math.sin(a) });
}

/** The line reads left to right: its green start on the left, its red rest on the right. */
function expectLevelLine(crop: RgbImage, width: number, height: number): void {
  expect([crop.width, crop.height]).toEqual([width, height]);
  expect(pixel(crop, 0.05, 0.5)).toEqual([0, 255, 0]);
  expect(pixel(crop, 0.9, 0.5)).toEqual([255, 0, 0]);
}

describe('cropText', () => {
  it('cuts a level line out axis-aligned', async () => {
    expectLevelLine(await cropText(await band(200, 150, 200, 40, 0), quadOf(200, 150, 200, 40, 0)), 200, 40);
  });

  it('levels a tilted line, start on the left, with nothing of the background inside', async () => {
    for (const deg of [-20, 15]) {
      const crop = await cropText(await band(200, 150, 200, 40, deg), quadOf(200, 150, 200, 40, deg));
      expect(Math.abs(crop.width - 200)).toBeLessThanOrEqual(2);
      expect(Math.abs(crop.height - 40)).toBeLessThanOrEqual(2);
      for (const fy of [0.15, 0.5, 0.85]) {
        expect(pixel(crop, 0.08, fy)[1], `green start at ${deg}°`).toBeGreaterThan(200);
        expect(pixel(crop, 0.92, fy)[0], `red end at ${deg}°`).toBeGreaterThan(200);
      }
    }
  });

  it('turns a vertical line a quarter anticlockwise so its top becomes its start', async () => {
    // Drawn as a line turned 90° clockwise: it starts (green) at the top.
    expectLevelLine(await cropText(await band(200, 150, 200, 40, 90), quadOf(200, 150, 40, 200, 0)), 200, 40);
  });

  it('clamps a quad that runs off the image', async () => {
    const crop = await cropText(await band(200, 150, 200, 40, 0), [[-50, -10], [120, -10], [120, 30], [-50, 30]]);
    expect([crop.width, crop.height]).toEqual([120, 30]);
  });
});
