/**
 * One measurement of bench:formats, alone in its own process so its peak
 * RSS is this import's (or this baseline's) and nothing else's:
 *
 *   tsx bench/formats/importChild.ts <coco|cvat|mot> <import|baseline> <file> <shape JSON>
 *
 * Prints one JSON line: seconds (the step only, not reading the file),
 * peak RSS of the whole process (maxRSS, so reading the file counts for
 * both sides), and what came out or how it failed.
 */
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { formats } from '../../core/formats';
import { FormatError } from '../../core/formats/formatError';
import { videoFormats } from '../../core/formats/video';
import { imageContext, videoContext, type ImageShape, type VideoShape } from './generate';

export type BenchFormat = 'coco' | 'cvat' | 'mot';

export interface ChildReport {
  seconds: number;
  peakRssMb: number;
  /** What the step produced, e.g. "20,000 images, 340,000 boxes". */
  produced?: string;
  error?: { formatError: boolean; message: string; messageLength: number; problemCount?: number };
}

const [format, mode, path, shapeJson] = process.argv.slice(2) as [BenchFormat, 'import' | 'baseline', string, string];
const shape = JSON.parse(shapeJson) as ImageShape & VideoShape;
const content = readFileSync(path, 'utf8');
const files = format === 'mot' ? [{ path: 'gt/gt.txt', content }] : [{ path: format === 'coco' ? 'annotations.json' : 'annotations.xml', content }];

const count = (n: number) => n.toLocaleString('en');

/** The same-run baseline: only the generic parse every importer of that format has to do. */
function baseline(): string {
  if (format === 'coco') {
    const parsed = JSON.parse(content) as { annotations: unknown[] };
    return `JSON.parse: ${count(parsed.annotations.length)} annotations`;
  }
  if (format === 'cvat') {
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, parseAttributeValue: false, isArray: (t) => t === 'image' || t === 'box' });
    const parsed = parser.parse(content) as { annotations?: { image?: unknown[] } };
    return `fast-xml-parser: ${count(parsed.annotations?.image?.length ?? 0)} images`;
  }
  const cells = content.split('\n').map((line) => line.split(','));
  return `split: ${count(cells.length)} lines`;
}

function importOnce(): string {
  if (format === 'mot') {
    const { dataset } = videoFormats.mot.importDataset(files, videoContext(shape));
    return `${count(dataset.tracks.length)} tracks, ${count(dataset.tracks.reduce((n, t) => n + t.keyframes.length, 0))} keyframes`;
  }
  const { dataset } = formats[format].importDataset(files, imageContext(shape));
  return `${count(dataset.images.length)} images, ${count(dataset.images.reduce((n, i) => n + i.boxes.length, 0))} boxes`;
}

const report: ChildReport = { seconds: 0, peakRssMb: 0 };
const started = performance.now();
try {
  report.produced = mode === 'baseline' ? baseline() : importOnce();
} catch (e) {
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  report.error = {
    formatError: e instanceof FormatError,
    message: message.slice(0, 400),
    messageLength: e instanceof Error ? e.message.length : message.length,
    ...(e instanceof FormatError ? { problemCount: e.problemCount } : {}),
  };
}
report.seconds = (performance.now() - started) / 1000;
report.peakRssMb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify(report));
