import { describe, expect, it } from 'vitest';
import { FormatError } from './formatError';
import { otherImporterReason } from './importerMismatch';

/** CVAT's COCO export of a video task: no videos, no frame_id; track_id only in the annotations, after one images row per frame. */
function cvatCocoOfVideo(frames: number): string {
  const images = Array.from({ length: frames }, (_, i) => ({ id: i + 1, width: 640, height: 360, file_name: `frame_${String(i).padStart(6, '0')}.PNG`, license: 0, flickr_url: '', coco_url: '', date_captured: 0 }));
  const annotations = [{ id: 1, image_id: 1, category_id: 1, segmentation: [], area: 100, bbox: [1, 2, 10, 10], iscrowd: 0, attributes: { occluded: false, rotation: 0, track_id: 0, keyframe: true } }];
  return JSON.stringify({ licenses: [{ name: '', id: 0, url: '' }], info: { contributor: '', date_created: '', description: '', url: '', version: '', year: '' }, categories: [{ id: 1, name: 'car', supercategory: '' }], images, annotations });
}

describe('otherImporterReason', () => {
  it("sends CVAT's COCO export of a long video to the video panel, though its track_id comes after 100 KB of frame rows", () => {
    const content = cvatCocoOfVideo(2000);
    expect(content.indexOf('track_id')).toBeGreaterThan(100_000);
    const reason = otherImporterReason([{ path: 'annotations/instances_default.json', content }], 'image');
    expect(reason).toBeInstanceOf(FormatError);
    expect(reason!.reason).toMatch(/COCO written per video frame.*Video labels/);
  });

  it('leaves plain COCO to the image import and sends it away from the video panel', () => {
    const content = JSON.stringify({ images: [{ id: 1, file_name: 'a.jpg', width: 10, height: 10 }], annotations: [], categories: [] });
    expect(otherImporterReason([{ path: 'coco.json', content }], 'image')).toBeNull();
    expect(otherImporterReason([{ path: 'coco.json', content }], 'video')!.reason).toMatch(/COCO for images.*Import labels/);
  });

  it('tells CVAT for video from CVAT for images, whichever panel they are given to', () => {
    const video = '<annotations><version>1.1</version><meta><task><mode>interpolation</mode></task></meta><track id="0" label="car"><box frame="0" xtl="1" ytl="1" xbr="5" ybr="5" outside="0" occluded="0" keyframe="1"/></track></annotations>';
    const images = '<annotations><version>1.1</version><image id="0" name="a.jpg" width="10" height="10"><box label="car" xtl="1" ytl="1" xbr="5" ybr="5" occluded="0"/></image></annotations>';
    expect(otherImporterReason([{ path: 'annotations.xml', content: video }], 'image')!.reason).toMatch(/CVAT for video/);
    expect(otherImporterReason([{ path: 'annotations.xml', content: video }], 'video')).toBeNull();
    expect(otherImporterReason([{ path: 'annotations.xml', content: images }], 'video')!.reason).toMatch(/CVAT for images/);
    expect(otherImporterReason([{ path: 'annotations.xml', content: images }], 'image')).toBeNull();
  });

  it('knows MOT ground truth by its name or its first line, and leaves YOLO label files alone', () => {
    expect(otherImporterReason([{ path: 'seq/gt.txt', content: '' }], 'image')!.reason).toMatch(/MOT/);
    expect(otherImporterReason([{ path: 'track.txt', content: '1,1,10,20,30,40,1,-1,-1,-1\n' }], 'image')!.reason).toMatch(/MOT/);
    expect(otherImporterReason([{ path: 'labels/a.txt', content: '0 0.5 0.5 0.2 0.2\n' }], 'image')).toBeNull();
  });
});
