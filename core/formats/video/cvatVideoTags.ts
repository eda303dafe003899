import { requireNumber, requireText, xmlAttr, xmlChildren } from '../shared/xmlFile';
import { el, type XmlNode } from '../shared/xmlWriter';
import { mergeFrameTags } from './frameTagRanges';
import type { VideoDescription, VideoFrameTag } from './types';
import { checkFrame } from './videoChecks';

/**
 * Frame tags as CVAT for video writes them: one <tag frame="N"
 * label="name" source="manual"/> per tagged frame, after the tracks. A
 * range becomes one element per frame; reading merges consecutive frames of
 * a label back into ranges (frameTagRanges.ts).
 */
export function frameTagNodes(tags: readonly VideoFrameTag[], frameCount: number): XmlNode[] {
  const perFrame: { frame: number; label: string }[] = [];
  for (const tag of tags) {
    for (let frame = tag.startFrame; frame <= Math.min(tag.endFrame, frameCount - 1); frame++) perFrame.push({ frame, label: tag.className });
  }
  perFrame.sort((a, b) => a.frame - b.frame || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return perFrame.map(({ frame, label }) => el('tag', undefined, [['frame', frame], ['label', label], ['source', 'manual']]));
}

/**
 * The <tag> elements of `root` as frame-tag ranges; `checkLabel` rejects a
 * label the file does not declare. `step` is the task's frame step: tags on
 * consecutive kept frames (0, 2, 4 at step 2) are one range.
 */
export function readFrameTags(file: string, root: unknown, video: VideoDescription, step: number, checkLabel: (location: string, label: string) => void): VideoFrameTag[] {
  const single: VideoFrameTag[] = [];
  for (const [i, node] of xmlChildren(root, 'tag').entries()) {
    const location = `tag ${i + 1}`;
    const label = requireText(file, location, 'label', xmlAttr(node, 'label'));
    checkLabel(location, label);
    const frame = checkFrame(file, location, requireNumber(file, location, 'frame', xmlAttr(node, 'frame')), video);
    single.push({ className: label, startFrame: frame, endFrame: frame });
  }
  return mergeFrameTags(single, step);
}
