/// <reference types="vite/client" />
import { expect } from 'vitest';
import type { AttributeValue } from '../model/labelSchema';
import { BOX_FLAGS } from './boxFlags';
import { FormatError } from './formatError';
import type { FormatFile, ImportContext, LabelDataset } from './types';

/**
 * Test data shared by the format tests: fractional coordinates, three classes
 * (first used in class order, so formats without a class list read them back
 * in the same order), a sub-folder, a full-image box and an image with no boxes.
 */
export function sampleDataset(): LabelDataset {
  return {
    classes: ['cat', 'dog', 'person'],
    images: [
      {
        fileName: 'a/img1.jpg',
        width: 640,
        height: 480,
        boxes: [
          { className: 'cat', box: { x: 10.25, y: 20.5, w: 100.75, h: 50.33 }, attributes: { color: 'black', occluded: true, count: 2 } },
          { className: 'dog', box: { x: 300.1, y: 200.2, w: 80.8, h: 120.45 }, score: 0.87 },
        ],
      },
      {
        fileName: 'b.png',
        width: 1024,
        height: 768,
        boxes: [
          { className: 'person', box: { x: 0, y: 0, w: 1024, h: 768 } },
          { className: 'cat', box: { x: 512.5, y: 384.25, w: 33.33, h: 44.44 }, attributes: { color: 'ginger', occluded: false, count: 1.5 } },
        ],
      },
      { fileName: 'empty.jpg', width: 320, height: 240, boxes: [] },
    ],
  };
}

export function contextOf(dataset: LabelDataset): ImportContext {
  return { images: dataset.images.map(({ fileName, width, height }) => ({ fileName, width, height })) };
}

/**
 * OCR boxes as a pre-label run leaves them: each `text` box carries its
 * recognised text and detected quadrilateral (JSON text), with characters
 * that need escaping in JSON and XML, two lines, and one whose text is empty.
 */
export function ocrDataset(): LabelDataset {
  return {
    classes: ['text', 'logo'],
    images: [
      {
        fileName: 'signs/door.jpg',
        width: 800,
        height: 600,
        boxes: [
          { className: 'text', box: { x: 100, y: 50, w: 200, h: 40 }, attributes: { text: 'EXIT', quad: '[[100,50],[300,50],[300,90],[100,90]]' } },
          { className: 'text', box: { x: 120.5, y: 300.25, w: 310, h: 36.5 }, attributes: { text: 'Push → 押す "now" <b>&amp;', quad: '' } },
          { className: 'text', box: { x: 500, y: 400, w: 120, h: 60 }, attributes: { text: 'OPEN\n9–17', quad: '' } },
          { className: 'text', box: { x: 10, y: 10, w: 30, h: 20 }, attributes: { text: '', quad: '' } },
          { className: 'logo', box: { x: 600, y: 20, w: 150, h: 150 } },
        ],
      },
    ],
  };
}

/**
 * Which of a box's attributes a format carries: all, none, only a non-empty
 * OCR `text` (Label Studio's per-region transcription), only the
 * occluded/truncated/difficult flags (VOC), or only booleans (LabelMe's shape flags).
 */
export type AttributeCapability = boolean | 'text' | 'flags' | 'booleans';

function keptAttributes(attributes: Record<string, AttributeValue> | undefined, keep: AttributeCapability): Record<string, AttributeValue> | undefined {
  if (!attributes || keep === false) return undefined;
  if (keep === true) return attributes;
  if (keep === 'text') return typeof attributes.text === 'string' && attributes.text !== '' ? { text: attributes.text } : undefined;
  const kept = Object.entries(attributes).filter(([name, v]) => typeof v === 'boolean' && (keep === 'booleans' || (BOX_FLAGS as readonly string[]).includes(name)));
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

/** The dataset as a format that cannot carry some attributes and/or scores reads it back. */
export function withoutExtras(dataset: LabelDataset, keep: { attributes: AttributeCapability; score: boolean }): LabelDataset {
  return {
    classes: dataset.classes,
    images: dataset.images.map((image) => ({
      ...image,
      boxes: image.boxes.map((b) => ({
        className: b.className,
        box: b.box,
        ...(keptAttributes(b.attributes, keep.attributes) ? { attributes: keptAttributes(b.attributes, keep.attributes) } : {}),
        ...(keep.score && b.score !== undefined ? { score: b.score } : {}),
      })),
    })),
  };
}

/** Runs an import that must fail and checks the error names the file, the place and the reason. */
export function expectFormatError(run: () => unknown, file: string, location: string, reason: RegExp): FormatError {
  let result: unknown;
  try {
    result = run();
  } catch (e) {
    expect(e).toBeInstanceOf(FormatError);
    const err = e as FormatError;
    expect({ file: err.file, location: err.location }).toEqual({ file, location });
    expect(err.reason).toMatch(reason);
    return err;
  }
  throw new Error(`expected a FormatError, but import returned ${JSON.stringify(result).slice(0, 200)}`);
}

// core/ may not read files (no Node built-ins), so Vite bundles the fixtures' text into the tests.
const fixtureTexts = import.meta.glob<string>('./fixtures/**/*', { query: '?raw', import: 'default', eager: true });

/** A file of core/formats/fixtures/ (written in the tool's own layout), given to the importer under `path` (default: its name there). */
export function fixture(name: string, path = name): FormatFile {
  const content = fixtureTexts[`./fixtures/${name}`];
  if (content === undefined) throw new Error(`no fixture ${name} in core/formats/fixtures/`);
  return { path, content };
}
