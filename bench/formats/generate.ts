/**
 * Generated files for bench:formats, as other tools write them: COCO as one
 * compact JSON (CVAT's and pycocotools' style), CVAT for images 1.1 XML
 * indented like CVAT's exporter, MOT 1.1 gt.txt. Deterministic, so the child
 * process that imports a file can rebuild the matching import context from
 * the same shape numbers without reading anything else.
 */
import type { ImportContext } from '../../core/formats';
import type { VideoImportContext } from '../../core/formats/video';

export const IMAGE_W = 1920;
export const IMAGE_H = 1080;
export const CLASSES = ['car', 'person', 'bicycle', 'truck', 'traffic light'];

/** How many images (and boxes per image) a generated image-format file holds. */
export interface ImageShape {
  images: number;
  boxesPerImage: number;
}

export interface VideoShape {
  frames: number;
  objectsPerFrame: number;
}

export const imageName = (i: number) => `frames/img_${String(i).padStart(6, '0')}.jpg`;

export function imageContext(shape: ImageShape): ImportContext {
  return { images: Array.from({ length: shape.images }, (_, i) => ({ fileName: imageName(i), width: IMAGE_W, height: IMAGE_H })) };
}

export function videoContext(shape: VideoShape): VideoImportContext {
  return { video: { fileName: 'clip.mp4', width: IMAGE_W, height: IMAGE_H, frameCount: shape.frames }, classes: CLASSES };
}

/** A box that stays inside the image, varied by index so values do not repeat. */
function boxOf(image: number, k: number): { x: number; y: number; w: number; h: number } {
  const seed = (image * 31 + k * 17) % 997;
  const w = 20 + (seed % 300) + 0.25;
  const h = 20 + ((seed * 7) % 200) + 0.5;
  const x = ((seed * 13) % (IMAGE_W - 340)) + 0.75;
  const y = ((seed * 11) % (IMAGE_H - 240)) + 0.25;
  return { x, y, w, h };
}

/** Image count so that a file of `bytesPerImage` per image reaches about `targetBytes`. */
export function imagesFor(targetBytes: number, bytesPerImage: number): number {
  return Math.max(1, Math.round(targetBytes / bytesPerImage));
}

export function cocoJson(shape: ImageShape): string {
  const parts: string[] = ['{"info":{"description":"bench"},"licenses":[],"images":['];
  for (let i = 0; i < shape.images; i++) {
    parts.push(`${i ? ',' : ''}{"id":${i + 1},"file_name":"${imageName(i)}","width":${IMAGE_W},"height":${IMAGE_H},"license":0,"flickr_url":"","coco_url":"","date_captured":0}`);
  }
  parts.push('],"annotations":[');
  let id = 0;
  for (let i = 0; i < shape.images; i++) {
    for (let k = 0; k < shape.boxesPerImage; k++) {
      const b = boxOf(i, k);
      parts.push(
        `${id ? ',' : ''}{"id":${++id},"image_id":${i + 1},"category_id":${(k % CLASSES.length) + 1},"segmentation":[],"area":${(b.w * b.h).toFixed(2)},"bbox":[${b.x},${b.y},${b.w},${b.h}],"iscrowd":0,"attributes":{"occluded":false}}`,
      );
    }
  }
  parts.push('],"categories":[');
  parts.push(CLASSES.map((name, c) => `{"id":${c + 1},"name":"${name}","supercategory":""}`).join(','));
  parts.push(']}\n');
  return parts.join('');
}

export function cvatXml(shape: ImageShape): string {
  const labels = CLASSES.map((name) => `      <label>\n        <name>${name}</name>\n        <attributes>\n        </attributes>\n      </label>\n`).join('');
  const parts: string[] = [
    `<?xml version="1.0" encoding="utf-8"?>\n<annotations>\n  <version>1.1</version>\n  <meta>\n    <task>\n      <name>bench</name>\n      <size>${shape.images}</size>\n      <mode>annotation</mode>\n    <labels>\n${labels}    </labels>\n    </task>\n  </meta>\n`,
  ];
  for (let i = 0; i < shape.images; i++) {
    parts.push(`  <image id="${i}" name="${imageName(i)}" width="${IMAGE_W}" height="${IMAGE_H}">\n`);
    for (let k = 0; k < shape.boxesPerImage; k++) {
      const b = boxOf(i, k);
      parts.push(
        `    <box label="${CLASSES[k % CLASSES.length]}" source="manual" occluded="0" xtl="${b.x.toFixed(2)}" ytl="${b.y.toFixed(2)}" xbr="${(b.x + b.w).toFixed(2)}" ybr="${(b.y + b.h).toFixed(2)}" z_order="0">\n    </box>\n`,
      );
    }
    parts.push('  </image>\n');
  }
  parts.push('</annotations>\n');
  return parts.join('');
}

/** MOT 1.1 gt.txt: every object visible on every frame, moving a pixel a frame, lines ordered by frame as CVAT writes them. */
export function motGt(shape: VideoShape): string {
  const parts: string[] = [];
  for (let f = 0; f < shape.frames; f++) {
    for (let o = 0; o < shape.objectsPerFrame; o++) {
      const b = boxOf(o, 0);
      const x = (b.x + (f % 300)).toFixed(2);
      parts.push(`${f + 1},${o + 1},${x},${b.y.toFixed(2)},${b.w.toFixed(2)},${b.h.toFixed(2)},1,${(o % CLASSES.length) + 1},1\n`);
    }
  }
  return parts.join('');
}

/** COCO whose every annotation has wrong-typed values (strings for numbers): millions of problems. */
export function cocoWrongTypes(shape: ImageShape): string {
  return cocoJson(shape).replace(/"bbox":\[([^\]]*)\]/g, (_, inner: string) => `"bbox":[${inner.split(',').map((v) => `"${v}"`).join(',')}]`).replace(/"image_id":(\d+)/g, '"image_id":"$1"');
}

/** JSON nested `depth` arrays deep, then padded to size with a valid-looking tail that never closes. */
export function deepJson(depth: number, targetBytes: number): string {
  const open = '['.repeat(depth);
  return open + '0,'.repeat(Math.max(0, Math.floor((targetBytes - depth) / 2)));
}

/** A CVAT file cut off after `count` more opened tags: it ends with all of them (and <annotations>) still open. */
export function unclosedXml(count: number, shape: ImageShape): string {
  return cvatXml(shape).replace('</annotations>\n', '') + '  <image id="x" name="broken.jpg">\n'.repeat(count);
}

/** MOT gt.txt of the same size where every line is wrong (a word where the frame number goes). */
export function motAllBad(shape: VideoShape): string {
  return motGt(shape).replace(/^\d+,/gm, 'frame,');
}
