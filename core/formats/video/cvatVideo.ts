import { clampBox } from '../../geometry/box';
import type { Box } from '../../model/shape';
import { readLabels } from '../cvat';
import { FormatError } from '../formatError';
import { singleFile } from '../shared/importChecks';
import { round2 } from '../shared/numbers';
import { childText, parseXmlFile, requireNumber, requireText, xmlAttr, xmlChild, xmlChildren } from '../shared/xmlFile';
import { el, renderXml, type XmlNode } from '../shared/xmlWriter';
import type { FormatFile } from '../types';
import type { VideoAnnotationFormat, VideoDataset, VideoImportContext, VideoKeyframe, VideoShape, VideoTrack } from './types';
import { checkFrame, checkVideoSize, videoBox } from './videoChecks';

/**
 * CVAT for video 1.1 XML: `<track id label>` elements holding `<box frame
 * keyframe outside occluded xtl ytl xbr ybr>`. Export writes keyframes only
 * (keyframe="1"; CVAT interpolates on import just as we do), plain boxes as
 * CVAT does — a one-keyframe track closed by an outside box on the next
 * frame — and reads those back as plain boxes. Import keeps keyframe="1"
 * boxes and ignores keyframe="0" ones (CVAT's interpolated frames).
 */
export const CVAT_VIDEO_FILE = 'annotations.xml';

function boxAttrs(frame: number, box: Box, outside: boolean, width: number, height: number): [string, string | number][] {
  const c = clampBox(box, width, height);
  return [
    ['frame', frame],
    ['keyframe', 1],
    ['outside', outside ? 1 : 0],
    ['occluded', 0],
    ['xtl', round2(c.x)],
    ['ytl', round2(c.y)],
    ['xbr', round2(c.x + c.w)],
    ['ybr', round2(c.y + c.h)],
    ['z_order', 0],
  ];
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
        keyframes: [{ frame: s.frame, box: s.box, outside: false }, ...(s.frame + 1 < frameCount ? [{ frame: s.frame + 1, box: s.box, outside: true }] : [])],
      })),
  ];
  const trackNodes: XmlNode[] = asTracks.map((track, id) => {
    if (!known.has(track.className)) throw new Error(`track class "${track.className}" is not in the dataset's classes (${dataset.classes.join(', ')})`);
    const boxes = track.keyframes.filter((k) => k.frame < frameCount).map((k) => el('box', undefined, boxAttrs(k.frame, k.box, k.outside, width, height)));
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
  return [{ path: CVAT_VIDEO_FILE, content: renderXml(el('annotations', [el('version', '1.1'), el('meta', [task]), ...trackNodes])) }];
}

function readFlag(file: string, location: string, name: string, text: string | undefined, absent: boolean): boolean {
  if (text === undefined) return absent;
  if (text === '0' || text === '1') return text === '1';
  throw new FormatError(file, location, `${name}="${text}" must be 0 or 1`);
}

function importCvatVideo(files: FormatFile[], context: VideoImportContext): VideoDataset {
  const file = singleFile(files, ['.xml'], CVAT_VIDEO_FILE, 'CVAT annotations');
  const root = xmlChild(parseXmlFile(file, ['track', 'box', 'label', 'attribute']), 'annotations');
  if (!root) throw new FormatError(file.path, 'line 1', 'not a CVAT file: the root element <annotations> is missing');
  const { video } = context;
  const size = xmlChild(xmlChild(xmlChild(root, 'meta'), 'task'), 'original_size');
  if (size) {
    const num = (tag: string) => requireNumber(file.path, 'meta original_size', tag, childText(size, tag));
    checkVideoSize(file.path, 'meta original_size', video, num('width'), num('height'));
  }
  const declared = readLabels(file.path, root);
  const classes = [...(declared?.names ?? [])];
  const tracks: VideoTrack[] = [];
  const shapes: VideoShape[] = [];
  for (const [t, node] of xmlChildren(root, 'track').entries()) {
    const where = `track ${t + 1}${xmlAttr(node, 'id') !== undefined ? ` (id ${xmlAttr(node, 'id')})` : ''}`;
    const className = requireText(file.path, where, 'label', xmlAttr(node, 'label'));
    if (declared && !declared.names.includes(className)) {
      throw new FormatError(file.path, where, `unknown label "${className}": the file declares ${declared.names.join(', ')}`);
    }
    if (!classes.includes(className)) classes.push(className);
    const keyframes = readKeyframes(file.path, where, node, context);
    const made = asTrackOrShape(className, keyframes, video.frameCount);
    if (made && 'track' in made) tracks.push(made.track);
    else if (made) shapes.push(made.shape);
  }
  return { classes, video: { ...video }, tracks, shapes: shapes.sort((a, b) => a.frame - b.frame) };
}

function readKeyframes(file: string, where: string, node: unknown, context: VideoImportContext): VideoKeyframe[] {
  const keyframes: VideoKeyframe[] = [];
  for (const [b, boxNode] of xmlChildren(node, 'box').entries()) {
    const location = `${where}, box ${b + 1}`;
    if (!readFlag(file, location, 'keyframe', xmlAttr(boxNode, 'keyframe'), true)) continue;
    const frameText = xmlAttr(boxNode, 'frame');
    const frame = checkFrame(file, location, requireNumber(file, location, 'frame', frameText), context.video);
    const outside = readFlag(file, location, 'outside', xmlAttr(boxNode, 'outside'), false);
    const corner = (k: 'xtl' | 'ytl' | 'xbr' | 'ybr') => requireNumber(file, location, k, xmlAttr(boxNode, k));
    const [xtl, ytl, xbr, ybr] = [corner('xtl'), corner('ytl'), corner('xbr'), corner('ybr')];
    const box = videoBox(file, location, { x: xtl, y: ytl, w: xbr - xtl, h: ybr - ytl }, context.video);
    if (keyframes.some((k) => k.frame === frame)) throw new FormatError(file, location, `${where} has two boxes on frame ${frame}`);
    keyframes.push({ frame, box, outside });
  }
  return keyframes.sort((a, b) => a.frame - b.frame);
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
  if (closedNext || aloneAtEnd) return { shape: { frame: only.frame, className, box: only.box } };
  return { track: { className, keyframes: kept } };
}

export const cvatVideoFormat: VideoAnnotationFormat = {
  id: 'cvat-video',
  label: 'CVAT for video 1.1 XML',
  exportDataset: exportCvatVideo,
  importDataset: importCvatVideo,
};
