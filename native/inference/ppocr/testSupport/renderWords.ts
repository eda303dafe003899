import sharp from 'sharp';
import type { Box } from '../../../../core/model/shape';
import type { RgbImage } from '../types';

export interface WordSpec {
  text: string;
  /** SVG text baseline origin. */
  x: number;
  y: number;
  size: number;
  /** Degrees, clockwise, about (x, y). */
  rotate?: number;
  bold?: boolean;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function textElement(w: WordSpec): string {
  const transform = w.rotate ? ` transform="rotate(${w.rotate} ${w.x} ${w.y})"` : '';
  const weight = w.bold ? ' font-weight="bold"' : '';
  return `<text x="${w.x}" y="${w.y}" font-family="DejaVu Sans" font-size="${w.size}"${weight} fill="#111"${transform}>${escapeXml(w.text)}</text>`;
}

function svg(width: number, height: number, body: string, background: boolean): Buffer {
  const bg = background ? `<rect width="100%" height="100%" fill="#fff"/>` : '';
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${bg}${body}</svg>`);
}

/** Renders the words black on white with librsvg (DejaVu Sans) and decodes to raw RGB. */
export async function renderWords(width: number, height: number, words: readonly WordSpec[]): Promise<RgbImage> {
  const { data, info } = await sharp(svg(width, height, words.map(textElement).join(''), true))
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * The ink box of one word: the word rendered alone on a transparent canvas of
 * the same size, trimmed to its non-transparent pixels.
 */
export async function inkBox(width: number, height: number, word: WordSpec): Promise<Box> {
  const { info } = await sharp(svg(width, height, textElement(word), false))
    .trim()
    .toBuffer({ resolveWithObject: true });
  return { x: -(info.trimOffsetLeft ?? 0), y: -(info.trimOffsetTop ?? 0), w: info.width, h: info.height };
}
