import { clampBox } from '../../geometry/box';
import type { Box } from '../../model/shape';
import { readLabels } from '../cvat';
import { collecting, FormatError, ProblemCollector } from '../formatError';
import { refuseOtherImporter } from '../importerMismatch';
import { WarningCollector } from '../importWarnings';
import { singleFile } from '../shared/importChecks';
import { round2 } from '../shared/numbers';
import { dirname } from '../shared/paths';
import { childText, parseXmlFile, requireNumber, requireText, xmlAttr, xmlChild, xmlChildren } from '../shared/xmlFile';
import { el, renderXml, type XmlNode } from '../shared/xmlWriter';
import type { FormatFile, ImportResult } from '../types';
import { boxFlagsXml, readBoxFlags } from './cvatBoxFlags';
import { frameTagNodes, readFrameTags } from './cvatVideoTags';
import { withFlags } from './frameFlags';
import { mergeFrameTags } from './frameTagRanges';
import { exportTagsFile, importTagsFile, withTagClasses } from './tagsFile';
import type { VideoAnnotationFormat, VideoDataset, VideoImportContext, VideoKeyframe, VideoShape, VideoTrack } from './types';
import { checkFrame, checkVideoSize, frameName } from './videoChecks';
import { acceptBox } from '../boxPolicy';
import { skippedRotated } from '../shared/rotatedBox';

/**
 * CVAT for video 1.1 XML: `<track id label>` elements holding `<box frame
 * keyframe outside occluded xtl ytl xbr ybr>`, and `<tag frame label>`
 * elements for frame tags (cvatVideoTags.ts). Export writes keyframes only
 * (keyframe="1"; CVAT interpolates on import just as we do), plain boxes as
 * CVAT does — a one-keyframe track closed by an outside box on the next
 * frame — and reads those back as plain boxes. A box's flags are its
 * `occluded` and <attribute> children (cvatBoxFlags.ts). CVAT has no shot
 * segments: they go to `tags.json` beside the XML (README.md).
 *
 * Import keeps keyframe="1" boxes and ignores keyframe="0" ones (CVAT's
 * interpolated frames). Tracks of other shapes (polygon, points, …) are
 * skipped and counted, one 'unsupported-shape' per track. CVAT numbers
 * frames of the whole video even when the task kept only some of them
 * (<frame_filter>step=N</frame_filter>, <start_frame>), so frames are taken
 * as written and the filter is reported as an 'ignored-setting'.
 */
export const CVAT_VIDEO_FILE = 'annotations.xml';

/** Shapes CVAT tracks can hold that a box track cannot. */
const OTHER_SHAPES = ['polygon', 'polyline', 'points', 'skeleton', 'mask', 'ellipse', 'cuboid'] as const;

function boxNode(keyframe: VideoKeyframe, width: number, height: number): XmlNode {
  const c = clampBox(keyframe.box, width, height);
  const flags = boxFlagsXml(keyframe.attributes);
  const attrs: [string, string | number][] = [
    ['frame', keyframe.frame],
    ['keyframe', 1],
    ['outside', keyframe.outside ? 1 : 0],
    ['occluded', flags.occluded],
    ['xtl', round2(c.x)],
    ['ytl', round2(c.y)],
    ['xbr', round2(c.x + c.w)],
    ['ybr', round2(c.y + c.h)],
    ['z_order', 0],
  ];
  return el('box', flags.children, attrs);
}

function exportCvatVideo(dataset: VideoDataset): FormatFile[] {
  const { width, height, frameCount, fileName } = dataset.video;
  const known = new Set(dataset.classes);
  const asTracks: VideoTrack[] = [
    ...dataset.tracks,
    ...[...dataset.shapes]
      .sort((a, b) => a.frame - b.frame)
      .map((s) => ({
        className: s.className,
        keyframes: [
          { frame: s.frame, box: s.box, outside: false, ...withFlags(s.attributes) },
          ...(s.frame + 1 < frameCount ? [{ frame: s.frame + 1, box: s.box, outside: true }] : []),
        ],
      })),
  ];
  const trackNodes: XmlNode[] = asTracks.map((track, id) => {
    if (!known.has(track.className)) throw new Error(`track class "${track.className}" is not in the dataset's classes (${dataset.classes.join(', ')})`);
    const boxes = track.keyframes.filter((k) => k.frame < frameCount).map((k) => boxNode(k, width, height));
    return el('track', boxes, [['id', id], ['label', track.className], ['source', 'manual']]);
  });
  const task = el('task', [
    el('name', 'Groundwork export'),
    el('size', frameCount),
    el('mode', 'interpolation'),
    el('overlap', 0),
    el('start_frame', 0),
    el('stop_frame', Math.max(0, frameCount - 1)),
    el('labels', dataset.classes.map((name) => el('label', [el('name', name)]))),
    el('original_size', [el('width', width), el('height', height)]),
    el('source', fileName),
  ]);
  const root = el('annotations', [el('version', '1.1'), el('meta', [task]), ...trackNodes, ...frameTagNodes(dataset.frameTags, frameCount)]);
  const segments = exportTagsFile(dataset, dirname(CVAT_VIDEO_FILE), false);
  return [{ path: CVAT_VIDEO_FILE, content: renderXml(root) }, ...(segments ? [segments] : [])];
}

function readFlag(file: string, location: string, name: string, text: string | undefined, absent: boolean): boolean {
  if (text === undefined) return absent;
  if (text === '0' || text === '1') return text === '1';
  throw new FormatError(file, location, `${name}="${text}" must be 0 or 1`);
}

/**
 * The task's frame step (1 without a filter). The filter changes no frame
 * number, so it is reported as ignored; its step only tells which tagged
 * frames are neighbours (cvatVideoTags.ts).
 */
function frameStep(file: string, task: unknown, warnings: WarningCollector): number {
  const filter = childText(task, 'frame_filter')?.trim();
  if (!filter) return 1;
  warnings.add('ignored-setting', file, 'meta frame_filter', `frame_filter "${filter}": CVAT writes frame numbers of the whole video, so frames are taken as written`);
  const step = /step\s*=\s*(\d+)/.exec(filter);
  return step ? Math.max(1, Number(step[1])) : 1;
}

/** Counts a track of shapes other than boxes (one per track: it is one object) and says whether it was one. */
function skippedOtherShapes(file: string, where: string, node: unknown, warnings: WarningCollector): boolean {
  const other = OTHER_SHAPES.map((kind) => [kind, xmlChildren(node, kind).length] as const).filter(([, n]) => n > 0);
  for (const [kind, n] of other) warnings.add('unsupported-shape', file, where, `a ${kind} track (${n} <${kind}> element${n === 1 ? '' : 's'}) is not a box track: skipped`);
  return other.length > 0 && xmlChildren(node, 'box').length === 0;
}

function importCvatVideo(files: FormatFile[], context: VideoImportContext): ImportResult<VideoDataset> {
  refuseOtherImporter(files, 'video');
  const file = singleFile(files, ['.xml'], CVAT_VIDEO_FILE, 'CVAT annotations');
  const root = xmlChild(parseXmlFile(file, ['track', 'box', 'tag', 'label', 'attribute', ...OTHER_SHAPES]), 'annotations');
  if (!root) throw new FormatError(file.path, 'line 1', 'not a CVAT file: the root element <annotations> is missing');
  const { video } = context;
  const warnings = new WarningCollector();
  const task = xmlChild(xmlChild(root, 'meta'), 'task');
  const size = xmlChild(task, 'original_size');
  if (size) {
    const num = (tag: string) => requireNumber(file.path, 'meta original_size', tag, childText(size, tag));
    checkVideoSize(file.path, 'meta original_size', video, num('width'), num('height'));
  }
  const step = frameStep(file.path, task, warnings);
  const declared = readLabels(file.path, root);
  const classes = [...(declared?.names ?? [])];
  const useLabel = (location: string, label: string) => {
    if (declared && !declared.names.includes(label)) throw new FormatError(file.path, location, `unknown label "${label}": the file declares ${declared.names.join(', ')}`);
    if (!classes.includes(label)) classes.push(label);
  };
  const problems = new ProblemCollector(file.path);
  const tracks: VideoTrack[] = [];
  const shapes: VideoShape[] = [];
  for (const [t, node] of xmlChildren(root, 'track').entries()) {
    const where = `track ${t + 1}${xmlAttr(node, 'id') !== undefined ? ` (id ${xmlAttr(node, 'id')})` : ''}`;
    collecting(problems, () => {
      const className = requireText(file.path, where, 'label', xmlAttr(node, 'label'));
      useLabel(where, className);
      if (skippedOtherShapes(file.path, where, node, warnings)) return;
      const made = asTrackOrShape(className, readKeyframes(file.path, where, node, context, warnings), video.frameCount);
      if (made && 'track' in made) tracks.push(made.track);
      else if (made) shapes.push(made.shape);
    });
  }
  const xmlTags = collecting(problems, () => readFrameTags(file.path, root, video, step, useLabel)) ?? [];
  problems.throwIfAny();
  const beside = importTagsFile(files, video, dirname(file.path));
  const dataset: VideoDataset = {
    classes: withTagClasses(classes, beside.frameTags),
    video: { ...video },
    tracks,
    shapes: shapes.sort((a, b) => a.frame - b.frame),
    frameTags: mergeFrameTags([...xmlTags, ...beside.frameTags]),
    segments: beside.segments,
  };
  return { dataset, warnings: warnings.result() };
}

/**
 * A track's keyframes. A keyframe that is skipped (a box wholly outside the
 * frame, a rotated box) becomes an outside keyframe on its frame: left
 * out, interpolation would bridge across it and show the object on frames
 * where the file says it is somewhere the store cannot draw. Its box is the
 * keyframe's before (an outside box is never drawn; a leading one is
 * dropped with the other leading outside boxes).
 */
function readKeyframes(file: string, where: string, node: unknown, context: VideoImportContext, warnings: WarningCollector): VideoKeyframe[] {
  const keyframes: VideoKeyframe[] = [];
  const skipped = new Set<VideoKeyframe>();
  const skip = (frame: number) => {
    const hidden: VideoKeyframe = { frame, box: { x: 0, y: 0, w: 0, h: 0 }, outside: true };
    skipped.add(hidden);
    keyframes.push(hidden);
  };
  const seen = new Set<number>();
  for (const [b, boxElement] of xmlChildren(node, 'box').entries()) {
    const location = `${where}, box ${b + 1}`;
    if (!readFlag(file, location, 'keyframe', xmlAttr(boxElement, 'keyframe'), true)) continue;
    const frame = checkFrame(file, location, requireNumber(file, location, 'frame', xmlAttr(boxElement, 'frame')), context.video);
    if (seen.has(frame)) throw new FormatError(file, location, `${where} has two boxes on frame ${frame}`);
    seen.add(frame);
    const outside = readFlag(file, location, 'outside', xmlAttr(boxElement, 'outside'), false);
    if (!outside && skippedRotated(file, location, xmlAttr(boxElement, 'rotation'), warnings)) {
      skip(frame);
      continue;
    }
    const corner = (k: 'xtl' | 'ytl' | 'xbr' | 'ybr') => requireNumber(file, location, k, xmlAttr(boxElement, k));
    const [xtl, ytl, xbr, ybr] = [corner('xtl'), corner('ytl'), corner('xbr'), corner('ybr')];
    const flags = readBoxFlags(file, location, boxElement);
    const raw: Box = { x: xtl, y: ytl, w: xbr - xtl, h: ybr - ytl };
    // An outside box is never drawn: its coordinates only need to be numbers.
    const box = outside ? raw : acceptBox(file, location, raw, context.video, warnings, frameName(context.video));
    if (box) keyframes.push({ frame, box, outside, ...(flags && !outside ? { attributes: flags } : {}) });
    else skip(frame);
  }
  keyframes.sort((a, b) => a.frame - b.frame);
  keyframes.forEach((k, i) => {
    if (i > 0 && skipped.has(k)) k.box = keyframes[i - 1]!.box;
  });
  return keyframes;
}

/**
 * A track as the store keeps it: leading outside keyframes show nothing and
 * are dropped (a track with no inside keyframe is dropped whole); one inside
 * keyframe closed on the very next frame is a plain box.
 */
function asTrackOrShape(className: string, keyframes: VideoKeyframe[], frameCount: number): { track: VideoTrack } | { shape: VideoShape } | null {
  const first = keyframes.findIndex((k) => !k.outside);
  if (first < 0) return null;
  const kept = keyframes.slice(first);
  const only = kept[0]!;
  const next = kept[1];
  const closedNext = kept.length === 2 && next !== undefined && next.outside && next.frame === only.frame + 1;
  const aloneAtEnd = kept.length === 1 && only.frame === frameCount - 1;
  if (closedNext || aloneAtEnd) return { shape: { frame: only.frame, className, box: only.box, ...withFlags(only.attributes) } };
  return { track: { className, keyframes: kept } };
}

export const cvatVideoFormat: VideoAnnotationFormat = {
  id: 'cvat-video',
  label: 'CVAT for video 1.1 XML',
  exportDataset: exportCvatVideo,
  importDataset: importCvatVideo,
};
